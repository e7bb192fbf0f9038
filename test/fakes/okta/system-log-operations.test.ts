/**
 * Okta conformance: what the fake's Management API writes to the System Log when an operation succeeds — Okta's event
 * type, the caller as actor (a service app, or an API token's admin), the caller's IP, the request id as transaction.
 */
import { describe, expect, it } from "vitest";
import { CONTROL, control, expectMatchesSpec, expectOnlyDeclared, type J, person, setUpConformance } from "./support";
import { logsOrg, query } from "./system-log-support";

setUpConformance();

describe("System Log events of Management API operations", () => {
  it("logs each lifecycle operation with Okta's event type, the service app as actor and the user as target", async () => {
    const { clientId, users, call, logs } = await logsOrg([
      person("ada", { factorsEnrolled: 2 }),
      person("bob", { status: "LOCKED_OUT" }),
      person("cy", { status: "STAGED", hasPassword: true }),
      person("di", { status: "PROVISIONED" }),
    ]);
    const [ada, bob, cy, di] = users;
    const steps: [J, string, string][] = [
      [ada, "suspend", "user.lifecycle.suspend"],
      [ada, "unsuspend", "user.lifecycle.unsuspend"],
      [ada, "reset_factors", "user.mfa.factor.reset_all"],
      [bob, "unlock", "user.account.unlock_by_admin"],
      [cy, "activate?sendEmail=false", "user.lifecycle.activate"],
      [di, "reactivate", "user.lifecycle.reactivate"],
      [ada, "deactivate", "user.lifecycle.deactivate"],
    ];
    const requestIds: string[] = [];
    for (const [user, action] of steps) {
      const response = await call(`/api/v1/users/${user.id}/lifecycle/${action}`, { method: "POST", headers: { "user-agent": "companion-worker/1.0" } });
      expect(response.status, action).toBe(200);
      requestIds.push(response.headers.get("x-okta-request-id")!);
    }
    const response = await logs(query({ filter: 'eventType sw "user."' }));
    const events = (await response.json()) as J[];
    expectMatchesSpec("listLogEvents", 200, events);
    expect(events.map((event) => [event.eventType, event.target[0].id])).toEqual(steps.map(([user, , type]) => [type, user.id]));
    for (const [i, event] of events.entries()) {
      expectOnlyDeclared(event, "LogEvent");
      expect(event.actor).toEqual({ id: clientId, type: "PublicClientApp", alternateId: clientId, displayName: "Companion Service App" });
      expect(event.client).toMatchObject({
        id: clientId,
        ipAddress: "127.0.0.1",
        userAgent: { rawUserAgent: "companion-worker/1.0", os: "Unknown", browser: "UNKNOWN" },
      });
      expect(event.request.ipChain).toEqual([{ ip: "127.0.0.1", version: "V4" }]);
      expect(event.transaction).toEqual({ type: "WEB", id: requestIds[i], detail: {} });
      expect(event.outcome).toEqual({ result: "SUCCESS" });
      expect(event.target[0]).toEqual({
        id: steps[i]![0].id,
        type: "User",
        alternateId: steps[i]![0].profile.login,
        displayName: `${steps[i]![0].profile.firstName} Tester`,
      });
    }
    expect(events[0].debugContext.debugData.requestUri).toBe(`/api/v1/users/${ada.id}/lifecycle/suspend`);
    // The actor filter a worker uses to find what its own app did.
    expect(((await (await logs(query({ filter: `actor.id eq "${clientId}"` }))).json()) as J[]).length).toBe(steps.length);
  });

  it("logs an API token's calls as the admin who owns it, with transaction.detail.requestApiTokenId", async () => {
    const { org, users, logs } = await logsOrg([person("ada")]);
    const owner = { id: "00uowner000000000001", login: "it.admin@acme.test", displayName: "IT Admin" };
    const { token, id } = await control("POST", `/orgs/${org.orgId}/api-tokens`, { owner });
    expect(id).toMatch(/^00T[A-Za-z0-9]{17}$/);
    const response = await fetch(`${org.orgUrl}/api/v1/users/${users[0].id}/lifecycle/suspend`, {
      method: "POST",
      headers: { authorization: `SSWS ${token}` },
    });
    expect(response.status).toBe(200);
    const [event] = (await (await logs(query({ filter: 'eventType eq "user.lifecycle.suspend"' }))).json()) as J[];
    expect(event.actor).toEqual({ id: owner.id, type: "User", alternateId: owner.login, displayName: owner.displayName });
    expect(event.transaction.detail).toEqual({ requestApiTokenId: id });
    expect(event.client.id).toBeUndefined();
  });

  it("logs profile and password updates and a temporary access code, and nothing for a refused operation", async () => {
    const { org, users, call, logs } = await logsOrg([person("ada", { status: "SUSPENDED" })]);
    const ada = users[0];
    const update = await call(`/api/v1/users/${ada.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ profile: { department: "Research" }, credentials: { password: { value: "N3w-passw0rd!" } } }),
    });
    expect(update.status).toBe(200);
    const tac = (await control("GET", `/orgs/${org.orgId}/authenticators`)).find((authenticator: J) => authenticator.key === "tac");
    await control("PATCH", `/orgs/${org.orgId}/users/${ada.id}`, { status: "ACTIVE" });
    const enrollment = await call(`/api/v1/users/${ada.id}/authenticator-enrollments/tac`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ authenticatorId: tac.id, profile: { ttl: "60", multiUse: false } }),
    });
    expect(enrollment.status).toBe(200);
    const enrollmentId = ((await enrollment.json()) as J).id;
    // Refused: ada is ACTIVE, so unsuspend is 400 and unlock 403; neither is logged.
    expect((await call(`/api/v1/users/${ada.id}/lifecycle/unsuspend`, { method: "POST" })).status).toBe(400);
    expect((await call(`/api/v1/users/${ada.id}/lifecycle/unlock`, { method: "POST" })).status).toBe(403);
    expect((await call(`/api/v1/users/${ada.id}`)).status).toBe(200);

    const events = (await (await logs()).json()) as J[];
    expect(events.map((event) => event.eventType)).toEqual(["user.account.update_profile", "user.account.update_password", "user.mfa.factor.activate"]);
    expect(events[2].target).toEqual([
      { id: ada.id, type: "User", alternateId: "ada@acme.test", displayName: "Ada Tester" },
      { id: enrollmentId, type: "AuthenticatorEnrollment", alternateId: "unknown", displayName: "Temporary Access Code" },
    ]);
    expect(JSON.stringify(events)).not.toContain("N3w-passw0rd!");
    const seen = (await (await fetch(`${CONTROL}/orgs/${org.orgId}/log-events`)).json()) as J[];
    expect(seen.map((event) => event.uuid)).toEqual(events.map((event) => event.uuid));
  });
});
