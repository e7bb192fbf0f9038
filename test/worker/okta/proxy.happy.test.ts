import { describe, expect, it } from "vitest";
import { api, BOOTSTRAP, errorCode } from "../support/api";
import { oktaFixture } from "./support";

describe.each(["okta_api_service", "okta_api_key"] as const)("Okta proxy with an %s credential", (type) => {
  it("retrieves a user with the actions this caller may take now (Okta's _links x role)", async () => {
    const okta = await oktaFixture({ type });
    const response = await okta.proxy(`/users/${okta.users.active}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: { id: string; status: string }; allowedActions: string[] };
    expect(body.user).toMatchObject({ id: okta.users.active, status: "ACTIVE" });
    expect(body.allowedActions).toEqual(expect.arrayContaining(["suspend", "deactivate", "reset_factors", "update", "temporary_access_code"]));
    expect(body.allowedActions).not.toContain("unsuspend");
  });

  it("suspends then unsuspends, and Okta's state follows", async () => {
    const okta = await oktaFixture({ type });
    const suspended = await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    expect(suspended.status).toBe(200);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("SUSPENDED");
    const unsuspended = await okta.proxy(`/users/${okta.users.active}/lifecycle/unsuspend`, { method: "POST", json: {} });
    expect(unsuspended.status).toBe(200);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("ACTIVE");
  });

  it("an invalid transition is Okta's 4xx with its errorCode and summary, never a 500", async () => {
    const okta = await oktaFixture({ type });
    const response = await okta.proxy(`/users/${okta.users.staged}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { errorCode: string; errorSummary: string; oktaRequestId: string } } };
    expect(body.error.code).toBe("okta_bad_request");
    expect(body.error.details.errorCode).toBe("E0000001");
    expect(body.error.details.errorSummary).toBeTruthy();
    expect(body.error.details.oktaRequestId).toBeTruthy();
  });

  it("an unknown Okta user is a 404 carrying E0000007", async () => {
    const okta = await oktaFixture({ type });
    const response = await okta.proxy("/users/00u00000000000000zzz");
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; details: { errorCode: string } } };
    expect(body.error.code).toBe("okta_not_found");
    expect(body.error.details.errorCode).toBe("E0000007");
  });

  it("unlocks, resets factors, lists groups, searches by email, lists authenticators", async () => {
    const okta = await oktaFixture({ type });
    expect((await okta.proxy(`/users/${okta.users.locked}/lifecycle/unlock`, { method: "POST" })).status).toBe(200);
    expect((await okta.fakeUser(okta.users.locked)).status).toBe("ACTIVE");
    expect((await okta.proxy(`/users/${okta.users.active}/lifecycle/reset_factors`, { method: "POST" })).status).toBe(200);
    expect((await okta.proxy(`/users/${okta.users.active}/groups`)).status).toBe(200);
    const search = (await (await okta.proxy(`/users?email=${encodeURIComponent("ada@acme.test")}`)).json()) as { users: Array<{ id: string }> };
    expect(search.users.map((user) => user.id)).toEqual([okta.users.active]);
    const authenticators = (await (await okta.proxy("/authenticators")).json()) as { authenticators: Array<{ id: string; key: string }> };
    const tac = authenticators.authenticators.find((item) => item.key === "tac")!;
    expect((await okta.proxy(`/authenticators/${tac.id}`)).status).toBe(200);
  });

  it("update is forwarded as Okta's partial POST and the password never comes back", async () => {
    const okta = await oktaFixture({ type });
    const response = await okta.proxy(`/users/${okta.users.active}`, {
      method: "POST",
      json: { profile: { title: "Chief Analyst" }, credentials: { password: { value: "Sup3r-Secret-Pa55!" } } },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("Sup3r-Secret-Pa55!");
    expect((await okta.fakeUser(okta.users.active)).api).toMatchObject({ profile: { title: "Chief Analyst", firstName: "Ada" } });
    const requests = await okta.apiRequests();
    expect(requests.some((request) => request.method === "PUT")).toBe(false);
  });

  it("creates a temporary access code once, finding the tac authenticator itself", async () => {
    const okta = await oktaFixture({ type });
    const response = await okta.proxy(`/users/${okta.users.active}/temporary-access-code`, { method: "POST", json: { ttlMinutes: 60 } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { code: string; expiresAt: string };
    expect(body.code).toMatch(/\S{8,}/);
    const audit = await api(`/api/orgs/${okta.org.id}/audit?userId=${okta.users.active}`, { headers: BOOTSTRAP });
    const auditText = await audit.text();
    expect(auditText).toContain("temporary_access_code");
    expect(auditText).not.toContain(body.code);
  });

  it("every attempt is audited with Okta's request ID: a success and Okta's refusal", async () => {
    const okta = await oktaFixture({ type });
    await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    await okta.proxy(`/users/${okta.users.staged}/lifecycle/suspend`, { method: "POST" });
    const entries = ((await (await api(`/api/orgs/${okta.org.id}/audit`, { headers: BOOTSTRAP })).json()) as { entries: Array<Record<string, unknown>> })
      .entries;
    expect(entries[0]).toMatchObject({
      action: "suspend",
      targetUserId: okta.users.staged,
      result: "refused",
      status: 400,
      oktaErrorCode: "E0000001",
      credentialId: okta.credentialId,
    });
    expect(entries[1]).toMatchObject({ action: "suspend", targetUserId: okta.users.active, result: "success", actor: { kind: "bootstrap" } });
    expect(typeof entries[0]!.oktaRequestId).toBe("string");
    expect(typeof entries[1]!.oktaRequestId).toBe("string");
  });
});

describe("credential choice", () => {
  it("an organization without an Okta credential gets 409 okta_not_configured; an unknown credentialId 404", async () => {
    const okta = await oktaFixture();
    const missing = await okta.proxy(`/users/${okta.users.active}?credentialId=cred_doesnotexist`);
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe("credential_not_found");
    await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}`, { method: "DELETE", headers: BOOTSTRAP });
    const none = await okta.proxy(`/users/${okta.users.active}`);
    expect(none.status).toBe(409);
    expect(await errorCode(none)).toBe("okta_not_configured");
  });
});
