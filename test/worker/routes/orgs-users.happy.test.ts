import { describe, expect, it } from "vitest";
import { api, BOOTSTRAP, createOrg, errorCode, orgWithSso, postAcs, provision, signIn, testIdp, validFor } from "../support/api";

describe("organizations", () => {
  it("POST /api/orgs derives a URL-safe ID without underscores and answers the URLs to paste into Okta", async () => {
    const response = await api("/api/orgs", { method: "POST", headers: BOOTSTRAP, json: { name: "Acme_Corp Security!" } });
    expect(response.status).toBe(201);
    const org = (await response.json()) as Record<string, string>;
    expect(org.id).toMatch(/^acme-corp-security-[a-z0-9]{6}$/);
    expect(org.acsUrl).toBe(`https://companion.test/${org.id}/acs`);
    expect(org.audienceUri).toBe(`https://companion.test/${org.id}/metadata`);
    expect(org).toMatchObject({ defaultRole: "viewer", allowIdpInitiated: true, emailAttribute: "email", roleMapping: null });
  });

  it("refuses IDs with an underscore, upper case, reserved words, and a taken ID", async () => {
    for (const id of ["acme_corp", "Acme", "api", "docs", "health", "static", "-acme", "a".repeat(41)]) {
      const response = await api("/api/orgs", { method: "POST", headers: BOOTSTRAP, json: { name: "x", id } });
      expect(response.status, id).toBe(400);
      expect(await errorCode(response)).toBe("invalid_request");
    }
    const org = await createOrg();
    const again = await api("/api/orgs", { method: "POST", headers: BOOTSTRAP, json: { name: "again", id: org.id } });
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe("org_exists");
  });

  it("refuses unknown fields and malformed JSON with 400 and writes nothing", async () => {
    const org = await createOrg();
    const unknown = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { defaultRole: "admin", isSuper: true } });
    expect(await errorCode(unknown)).toBe("invalid_request");
    const malformed = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: { ...BOOTSTRAP, "content-type": "application/json" }, body: "{" });
    expect(await errorCode(malformed)).toBe("invalid_json");
    const badRole = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { defaultRole: "root" } });
    expect(await errorCode(badRole)).toBe("invalid_request");
    const settings = (await (await api(`/api/orgs/${org.id}`, { headers: BOOTSTRAP })).json()) as { defaultRole: string };
    expect(settings.defaultRole).toBe("viewer");
  });

  it("unknown organizations are 404 on public SAML endpoints too", async () => {
    for (const path of ["/nope-nope/metadata", "/nope-nope/login", "/Bad_Id/metadata"]) {
      const response = await api(path);
      expect(response.status, path).toBe(404);
      expect(await errorCode(response)).toBe("org_not_found");
    }
  });
});

describe("users API (admin)", () => {
  it("lists JIT users, pre-provisions, changes a role, and disabling ends sessions at once", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const cookie = await signIn(idp, org, "grace@example.com");
    await provision(org.id, "linus@example.com", "operator");
    const duplicate = await api(`/api/orgs/${org.id}/users`, { method: "POST", headers: BOOTSTRAP, json: { email: "LINUS@example.com", role: "admin" } });
    expect(await errorCode(duplicate)).toBe("user_exists");

    const list = (await (await api(`/api/orgs/${org.id}/users`, { headers: BOOTSTRAP })).json()) as { users: Array<Record<string, unknown>> };
    expect(list.users.map((u) => [u.email, u.role, u.roleSource])).toEqual([
      ["grace@example.com", "viewer", "jit"],
      ["linus@example.com", "operator", "admin"],
    ]);
    const grace = list.users.find((u) => u.email === "grace@example.com")!;

    const promoted = await api(`/api/orgs/${org.id}/users/${grace.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { role: "operator" } });
    expect(await promoted.json()).toMatchObject({ role: "operator", roleSource: "admin" });
    expect(await (await api("/api/me", { headers: { cookie } })).json()).toMatchObject({ role: "operator" });

    const disabled = await api(`/api/orgs/${org.id}/users/${grace.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { disabled: true } });
    expect(await disabled.json()).toMatchObject({ disabled: true });
    const after = await api("/api/me", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe("session_expired");

    const again = await postAcs(org.id, await idp.samlResponse(validFor(org, { nameId: "grace@example.com" })));
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe("user_disabled");
  });

  it("an unknown user ID is 404 user_not_found", async () => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/users/usr_nobody`, { method: "PATCH", headers: BOOTSTRAP, json: { role: "admin" } });
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe("user_not_found");
  });
});
