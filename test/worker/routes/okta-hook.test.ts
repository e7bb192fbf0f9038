import { describe, expect, inject, it } from "vitest";
import { control } from "../okta/support";
import { eventually, type PersonaFixture, personaFixture, requestsTo } from "../persona/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";

const SECRET = "okta-hook-secret-0123456789abcdef";
const ROTATED = "okta-hook-secret-fedcba9876543210";

async function hooked(secrets: string[] = [SECRET]) {
  const fixture = await personaFixture();
  const put = await api(`/api/orgs/${fixture.org.id}/okta/event-hook`, { method: "PUT", headers: BOOTSTRAP, json: { secrets } });
  expect(put.status).toBe(200);
  return { fixture, view: (await put.json()) as { hookUrl: string; eventTypes: string[]; secrets: number } };
}

const event = (userId: string, extra: Record<string, unknown> = {}) => ({
  uuid: crypto.randomUUID(),
  published: new Date().toISOString(),
  eventType: "user.lifecycle.suspend",
  displayMessage: "Suspend Okta user",
  actor: { id: "00uOtherAdmin0000001", type: "User", alternateId: "it@acme.test", displayName: "Other Admin" },
  target: [{ id: userId, type: "User", alternateId: "ada@acme.test", displayName: "Ada" }],
  transaction: { type: "WEB", id: "okta-console-request-1" },
  outcome: { result: "SUCCESS" },
  ...extra,
});
const deliver = (orgId: string, events: unknown[], authorization = SECRET) =>
  api(`/${orgId}/hooks/okta`, {
    method: "POST",
    headers: { authorization },
    json: { eventType: "com.okta.event_hook", eventTypeVersion: "1.0", cloudEventsVersion: "0.1", contentType: "application/json", data: { events } },
  });

/** The user's account with one open case; its ID. */
async function openCase(fixture: PersonaFixture, userId: string): Promise<string> {
  const [account] = await fixture.seedAccounts([{ referenceId: userId }]);
  const [kase] = await fixture.seedCases([{ status: "Open", accounts: [account!.id] }]);
  return kase!.id;
}

describe("the Okta event hook", () => {
  it("its settings give the URL and event types to paste into Okta, never the secret", async () => {
    const { fixture, view } = await hooked([SECRET, ROTATED]);
    expect(view).toMatchObject({ configured: true, secrets: 2, hookUrl: expect.stringMatching(new RegExp(`/${fixture.org.id}/hooks/okta$`)) });
    expect(view.eventTypes).toContain("user.mfa.factor.reset_all");
    const read = await (await api(`/api/orgs/${fixture.org.id}/okta/event-hook`, { headers: BOOTSTRAP })).text();
    expect(read).not.toContain(SECRET);
  });

  it("answers Okta's verification only with the right Authorization; either secret during a rotation", async () => {
    const { fixture } = await hooked([SECRET, ROTATED]);
    const verify = (authorization: string) =>
      api(`/${fixture.org.id}/hooks/okta`, { headers: { authorization, "x-okta-verification-challenge": "challenge-123" } });
    expect(await (await verify(SECRET)).json()).toEqual({ verification: "challenge-123" });
    expect(await (await verify(ROTATED)).json()).toEqual({ verification: "challenge-123" });
    expect(await errorCode(await verify(`${SECRET}x`))).toBe("unauthenticated");
    expect(await errorCode(await api(`/${fixture.org.id}/hooks/okta`, { headers: { "x-okta-verification-challenge": "c" } }))).toBe("unauthenticated");
  });

  it("without a secret the hook is 409 webhook_not_configured", async () => {
    const fixture = await personaFixture();
    expect(await errorCode(await deliver(fixture.org.id, [event(fixture.users.active)]))).toBe("webhook_not_configured");
  });

  it("a delivery with a wrong secret or a body that is no batch is refused and handles nothing", async () => {
    const { fixture } = await hooked();
    const caseId = await openCase(fixture, fixture.users.active);
    expect(await errorCode(await deliver(fixture.org.id, [event(fixture.users.active)], "Bearer nope"))).toBe("unauthenticated");
    const bad = await api(`/${fixture.org.id}/hooks/okta`, { method: "POST", headers: { authorization: SECRET }, json: { data: { events: [{ uuid: 1 }] } } });
    expect(await errorCode(bad)).toBe("webhook_payload_invalid");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await requestsTo(fixture, "POST", `/cases/${caseId}/add-tag`)).toEqual([]);
  });

  it("another admin's action tags the user's open case once, however often Okta delivers it, and drops the cached context", async () => {
    const { fixture } = await hooked();
    const user = fixture.users.active;
    const caseId = await openCase(fixture, user);
    await fixture.context(user);
    expect(((await (await fixture.context(user)).json()) as { persona: { cached: boolean } }).persona.cached).toBe(true);
    const suspended = event(user);
    const first = await deliver(fixture.org.id, [suspended, event(user, { eventType: "user.session.start" })]);
    expect(await first.json()).toEqual({ received: 2 });
    const tags = await eventually(
      () => requestsTo(fixture, "POST", `/cases/${caseId}/add-tag`),
      (requests) => requests.length > 0,
    );
    expect(tags.map((request) => request.body)).toEqual([{ meta: { "tag-name": "okta-event:user.lifecycle.suspend" } }]);
    expect(((await (await fixture.context(user)).json()) as { persona: { cached: boolean } }).persona.cached).toBe(false);
    expect((await deliver(fixture.org.id, [suspended])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await requestsTo(fixture, "POST", `/cases/${caseId}/add-tag`)).toHaveLength(1);
  });

  it("an event this product caused (its Okta request ID is in our audit) is not tagged again", async () => {
    const { fixture } = await hooked();
    const user = fixture.users.active;
    const caseId = await openCase(fixture, user);
    const suspend = (await (await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).json()) as { oktaRequestId: string };
    expect((await deliver(fixture.org.id, [event(user, { transaction: { type: "WEB", id: suspend.oktaRequestId } })])).status).toBe(200);
    const other = event(user, { eventType: "user.lifecycle.unsuspend" });
    expect((await deliver(fixture.org.id, [other])).status).toBe(200);
    const tags = await eventually(
      () => requestsTo(fixture, "POST", `/cases/${caseId}/add-tag`),
      (requests) => requests.length > 0,
    );
    expect(tags.map((request) => (request.body as { meta: { "tag-name": string } }).meta["tag-name"])).toEqual(["okta-event:user.lifecycle.unsuspend"]);
  });

  it("while the hook delivers, a user's groups are kept; a membership event or our own write drops them; the status is always read", async () => {
    const { fixture } = await hooked();
    const user = fixture.users.active;
    const groupReads = async () => (await fixture.apiRequests()).filter((request) => request.operationId === "listUserGroups").length;
    const userReads = async () => (await fixture.apiRequests()).filter((request) => request.operationId === "getUser").length;
    await fixture.context(user);
    await fixture.context(user);
    expect(await groupReads()).toBe(2); // no hook delivery yet: nothing kept
    expect((await deliver(fixture.org.id, [event("00uSomeoneElse000001", { eventType: "user.session.start" })])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fixture.context(user);
    const [groupsBefore, usersBefore] = [await groupReads(), await userReads()];
    await fixture.context(user);
    expect([await groupReads(), await userReads()]).toEqual([groupsBefore, usersBefore + 1]);
    const joined = event(user, {
      eventType: "group.user_membership.add",
      target: [
        { id: user, type: "User" },
        { id: "00gAdmins", type: "UserGroup" },
      ],
    });
    expect((await deliver(fixture.org.id, [joined])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await fixture.context(user);
    expect(await groupReads()).toBe(groupsBefore + 1);
    expect((await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
    await fixture.context(user);
    expect(await groupReads()).toBe(groupsBefore + 2);
  });

  it("accepts a batch exactly as the fake Okta builds it for an event hook, after a real operation", async () => {
    const { fixture } = await hooked();
    const user = fixture.users.active;
    const caseId = await openCase(fixture, user);
    const hook = (await control(`/orgs/${fixture.fakeOrg.orgId}/event-hooks`, {
      json: {
        // Verified against the fake's own receiver (a workerd test cannot listen); the batch is then sent to the worker.
        url: `${inject("fakeOktaUrl")}/__fake/hook-receivers/${fixture.org.id}`,
        events: ["user.lifecycle.suspend"],
        authorization: { key: "Authorization", value: SECRET },
        delivery: "manual",
      },
    })) as { id: string; verificationStatus: string; verification: unknown };
    expect(hook.verificationStatus).toBe("VERIFIED");
    // Another admin suspends the user in Okta (an API token that is not the organization's credential).
    const { token } = (await control(`/orgs/${fixture.fakeOrg.orgId}/api-tokens`, { json: { adminRole: true } })) as { token: string };
    const suspended = await fetch(`${fixture.fakeOrg.orgUrl}/api/v1/users/${user}/lifecycle/suspend`, {
      method: "POST",
      headers: { authorization: `SSWS ${token}` },
    });
    expect(suspended.status).toBe(200);
    const built = (await control(`/orgs/${fixture.fakeOrg.orgId}/event-hooks/${hook.id}/deliver`, { json: { dryRun: true } })) as {
      request: { headers: Record<string, string>; body: string };
    };
    const answer = await api(`/${fixture.org.id}/hooks/okta`, { method: "POST", headers: built.request.headers, body: built.request.body });
    expect(await answer.json()).toEqual({ received: 1 });
    const tags = await eventually(
      () => requestsTo(fixture, "POST", `/cases/${caseId}/add-tag`),
      (requests) => requests.length > 0,
    );
    expect(tags.map((request) => request.body)).toEqual([{ meta: { "tag-name": "okta-event:user.lifecycle.suspend" } }]);
  });

  it("bounds what it reads: a body over 1 MiB is 413, a batch over 100 events or a verification without its challenge is 400", async () => {
    const { fixture } = await hooked();
    const huge = "x".repeat(1024 * 1024 + 1);
    const big = await api(`/${fixture.org.id}/hooks/okta`, {
      method: "POST",
      headers: { authorization: SECRET, "content-type": "application/json" },
      body: huge,
    });
    expect(big.status).toBe(413);
    expect(await errorCode(big)).toBe("payload_too_large");
    const many = Array.from({ length: 101 }, () => event(fixture.users.active, { eventType: "user.session.start" }));
    expect(await errorCode(await deliver(fixture.org.id, many))).toBe("webhook_payload_invalid");
    expect(await errorCode(await api(`/${fixture.org.id}/hooks/okta`, { headers: { authorization: SECRET } }))).toBe("invalid_request");
  });
});
