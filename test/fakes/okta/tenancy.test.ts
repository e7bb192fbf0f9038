/** Okta conformance: orgs are isolated, and an org can have a port (a bare origin) of its own. */
import { describe, expect, it } from "vitest";
import { adminOrg, control, expectOktaError, type J, person, setUpConformance } from "./support";

setUpConformance();

describe("tenancy", () => {
  it("keeps orgs isolated: a token of one org is worthless in another", async () => {
    const first = await adminOrg([person("ada")]);
    const second = await adminOrg([person("ada")]);
    expect(first.org.orgUrl).not.toBe(second.org.orgUrl);
    const crossed = await fetch(`${second.org.orgUrl}/api/v1/users/ada`, { headers: { authorization: `Bearer ${first.token}` } });
    await expectOktaError(crossed, "getUser", 401, "E0000011");
    expect(((await (await second.call("/api/v1/users/ada")).json()) as J).id).toBe(second.users[0].id);
  });

  it("serves an org on a port of its own, so its orgUrl is a bare origin", async () => {
    const { org, call } = await adminOrg([person("ada")], { dedicatedPort: true });
    expect(new URL(org.orgUrl).pathname).toBe("/");
    expect(org.orgUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(org.tokenUrl).toBe(`${org.orgUrl}/oauth2/v1/token`);
    expect((await call("/api/v1/users/ada")).status).toBe(200);
    await control("DELETE", `/orgs/${org.orgId}`);
    await expect(fetch(`${org.orgUrl}/api/v1/users/ada`)).rejects.toThrow();
  });
});
