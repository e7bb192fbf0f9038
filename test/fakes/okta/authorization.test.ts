/** Okta conformance: Management API authentication (401) and authorization (scopes, admin permissions: 403). */
import { describe, expect, it } from "vitest";
import { addClient, adminOrg, bearerToken, control, expectOktaError, expectOktaHeaders, type J, newOrg, person, seedUsers, setUpConformance } from "./support";

setUpConformance();

describe("Management API authentication and authorization", () => {
  it("answers 401 E0000011 to a missing, unknown, expired or unsupported credential", async () => {
    const { org, call } = await adminOrg([person("ada")]);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer not-a-token" },
      { authorization: "SSWS not-a-token" },
      { authorization: "Basic YTpi" },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${org.orgUrl}/api/v1/users`, { headers });
      expectOktaHeaders(response);
      await expectOktaError(response, "listUsers", 401, "E0000011", "Invalid token provided");
    }
    expect((await call("/api/v1/users")).status).toBe(200);
    expect(await control("POST", `/orgs/${org.orgId}/tokens/expire`)).toEqual({ expired: 1 });
    const expired = await call("/api/v1/users");
    await expectOktaError(expired, "listUsers", 401, "E0000011", "Invalid token provided");
    expect(expired.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it("answers 403 E0000006 with an insufficient_scope challenge when the token lacks the operation's scope", async () => {
    const org = await newOrg();
    const clientId = await addClient(org);
    const [user] = await seedUsers(org, [person("ada")]);
    const readOnly = await bearerToken(org, clientId, "okta.users.read");
    const response = await fetch(`${org.orgUrl}/api/v1/users/${user.id}/lifecycle/suspend`, {
      method: "POST",
      headers: { authorization: `Bearer ${readOnly}` },
    });
    await expectOktaError(response, "suspendUser", 403, "E0000006", "You do not have permission to perform the requested action");
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const manageOnly = await bearerToken(org, clientId, "okta.users.manage");
    await expectOktaError(
      await fetch(`${org.orgUrl}/api/v1/users/${user.id}`, { headers: { authorization: `Bearer ${manageOnly}` } }),
      "getUser",
      403,
      "E0000006",
    );
  });

  it("answers 403 E0000006 to a service app with no admin role, or whose role lacks the operation's permission", async () => {
    const org = await newOrg();
    const [user] = await seedUsers(org, [person("ada", { factorsEnrolled: 1 })]);
    const call = async (adminRole: boolean | string[], method: string, path: string) => {
      const token = await bearerToken(org, await addClient(org, { adminRole }));
      return fetch(`${org.orgUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    };
    await expectOktaError(await call(false, "GET", `/api/v1/users/${user.id}`), "getUser", 403, "E0000006");
    await expectOktaError(await call(["okta.users.read"], "POST", `/api/v1/users/${user.id}/lifecycle/suspend`), "suspendUser", 403, "E0000006");
    await expectOktaError(await call(["okta.users.read"], "GET", `/api/v1/users/${user.id}/groups`), "listUserGroups", 403, "E0000006");
    expect((await call(["okta.users.read", "okta.groups.read"], "GET", `/api/v1/users/${user.id}/groups`)).status).toBe(200);
    expect((await call(["okta.users.lifecycle.suspend"], "POST", `/api/v1/users/${user.id}/lifecycle/suspend`)).status).toBe(200);
    // okta.users.manage covers every okta.users.* permission, including okta.users.read.
    expect((await call(["okta.users.manage"], "POST", `/api/v1/users/${user.id}/lifecycle/reset_factors`)).status).toBe(200);
  });

  it("accepts an SSWS API token with its admin's permissions, and logs the scheme of each call", async () => {
    const org = await newOrg();
    const { token } = await control("POST", `/orgs/${org.orgId}/api-tokens`, { adminRole: ["okta.users.read"] });
    await seedUsers(org, [person("ada")]);
    expect((await fetch(`${org.orgUrl}/api/v1/users/ada`, { headers: { authorization: `SSWS ${token}` } })).status).toBe(200);
    await expectOktaError(
      await fetch(`${org.orgUrl}/api/v1/authenticators`, { headers: { authorization: `SSWS ${token}` } }),
      "listAuthenticators",
      403,
      "E0000006",
    );
    const log = (await control("GET", `/orgs/${org.orgId}/api-requests`)) as J[];
    expect(log.map((entry) => [entry.method, entry.path, entry.authScheme, entry.operationId, entry.status])).toEqual([
      ["GET", "/api/v1/users/ada", "SSWS", "getUser", 200],
      ["GET", "/api/v1/authenticators", "SSWS", "listAuthenticators", 403],
    ]);
  });
});
