/** Okta conformance: `DELETE /api/v1/users/{userId}/sessions` (revokeUserSessions): 204, its flags, its log event. */
import { describe, expect, it } from "vitest";
import { addClient, adminOrg, bearerToken, control, expectOktaError, type J, newOrg, person, seedUsers, setUpConformance } from "./support";
import { logsOrg, query } from "./system-log-support";

setUpConformance();

describe("revoke a user's sessions", () => {
  it("answers 204 with no body, records the flags (oauthTokens false, forgetDevices true by default) and logs user.session.clear", async () => {
    const { org, clientId, users, call, logs } = await logsOrg([person("ada", { status: "SUSPENDED" })]);
    const ada = users[0];
    const response = await call(`/api/v1/users/${ada.id}/sessions`, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(response.headers.get("x-okta-request-id")).toMatch(/^[\w-]{20,}$/);
    expect(response.headers.get("x-rate-limit-remaining")).toMatch(/^\d+$/);
    expect((await control("GET", `/orgs/${org.orgId}/users/${ada.id}`)).sessionsRevoked).toMatchObject({ oauthTokens: false, forgetDevices: true });
    expect((await call(`/api/v1/users/${ada.id}/sessions?oauthTokens=true&forgetDevices=false`, { method: "DELETE" })).status).toBe(204);
    expect((await control("GET", `/orgs/${org.orgId}/users/${ada.id}`)).sessionsRevoked).toMatchObject({ oauthTokens: true, forgetDevices: false });
    const events = (await (await logs(query({ filter: 'eventType eq "user.session.clear"' }))).json()) as J[];
    expect(events.map((event) => [event.actor.id, event.target[0].id])).toEqual([
      [clientId, ada.id],
      [clientId, ada.id],
    ]);
  });

  it("takes a user id only (404 E0000007 otherwise) and refuses a flag that is not a boolean (400 E0000001)", async () => {
    const { users, call } = await adminOrg([person("ada")]);
    await expectOktaError(await call("/api/v1/users/ada@acme.test/sessions", { method: "DELETE" }), "revokeUserSessions", 404, "E0000007");
    await expectOktaError(await call(`/api/v1/users/${users[0].id}/sessions?oauthTokens=yes`, { method: "DELETE" }), "revokeUserSessions", 400, "E0000001");
    await expectOktaError(await call(`/api/v1/users/${users[0].id}/sessions`), "revokeUserSessions", 405, "E0000022");
  });

  it("needs okta.users.manage and an admin role holding okta.users.lifecycle.clearSessions", async () => {
    const org = await newOrg();
    const [user] = await seedUsers(org, [person("ada")]);
    const revoke = async (adminRole: boolean | string[], scope = "okta.users.manage") => {
      const token = await bearerToken(org, await addClient(org, { adminRole }), scope);
      return fetch(`${org.orgUrl}/api/v1/users/${user.id}/sessions`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    };
    await expectOktaError(await revoke(true, "okta.users.read"), "revokeUserSessions", 403, "E0000006");
    await expectOktaError(await revoke(["okta.users.lifecycle.suspend"]), "revokeUserSessions", 403, "E0000006");
    expect((await revoke(["okta.users.lifecycle.clearSessions"])).status).toBe(204);
  });
});
