/** Okta conformance: list users with search, filter, q and Link pagination. */
import { beforeAll, describe, expect, it } from "vitest";
import { adminOrg, expectMatchesSpec, expectOktaError, type J, person, setUpConformance } from "./support";

setUpConformance();

describe("list users: search, filter, q and pagination", () => {
  let fixture: Awaited<ReturnType<typeof adminOrg>>;
  beforeAll(async () => {
    fixture = await adminOrg([
      person("alice", { profile: { ...person("alice").profile, department: "Eng" } }),
      person("albert"),
      person("bob", { status: "SUSPENDED" }),
      person("carol", { status: "DEPROVISIONED" }),
      person("dave", { status: "STAGED" }),
    ]);
  });
  const logins = async (response: Response) => {
    expect(response.status).toBe(200);
    return ((await response.json()) as J[]).map((user) => user.profile.login.split("@")[0]);
  };
  const list = (query: string) => fixture.call(`/api/v1/users${query}`);

  it("omits DEPROVISIONED users without a query, and includes them with search or filter", async () => {
    expect(await logins(await list(""))).toEqual(["alice", "albert", "bob", "dave"]);
    expect(await logins(await list(`?search=${encodeURIComponent('status eq "DEPROVISIONED"')}`))).toEqual(["carol"]);
    expect(await logins(await list(`?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`))).toEqual(["carol"]);
  });

  it("searches with eq/sw/co, and/or, parentheses, case-insensitive values; filters case-sensitively", async () => {
    const search = (expression: string) => list(`?search=${encodeURIComponent(expression)}`);
    expect(await logins(await search('profile.firstName sw "al"'))).toEqual(["alice", "albert"]);
    expect(await logins(await search('profile.email co "BER" or profile.department eq "eng"'))).toEqual(["alice", "albert"]);
    expect(await logins(await search('(status eq "ACTIVE" or status eq "SUSPENDED") and profile.login sw "b"'))).toEqual(["bob"]);
    expect(await logins(await list(`?filter=${encodeURIComponent('profile.login eq "ALICE@acme.test"')}`))).toEqual([]);
    expect(await logins(await list(`?filter=${encodeURIComponent('profile.login eq "alice@acme.test"')}`))).toEqual(["alice"]);
  });

  it("answers E0000031 to unsupported search criteria and E0000033 to search with filter", async () => {
    for (const expression of ['profile.email ne "x"', 'profile.department co "E"', "profile.email eq", 'not status eq "ACTIVE"', 'status eq "ACTIVE" and']) {
      await expectOktaError(await list(`?search=${encodeURIComponent(expression)}`), "listUsers", 400, "E0000031", "Invalid search criteria.");
    }
    await expectOktaError(await list(`?filter=${encodeURIComponent('profile.department eq "Eng"')}`), "listUsers", 400, "E0000031");
    await expectOktaError(
      await list(`?search=x&filter=y`),
      "listUsers",
      400,
      "E0000033",
      "Bad request. Can't specify a search query and filter in the same request.",
    );
  });

  it("matches q as a prefix of first name, last name or email, without DEPROVISIONED users or paging", async () => {
    const response = await list("?q=al&limit=1");
    expect(await logins(response)).toEqual(["alice"]);
    expect(response.headers.get("link")).not.toContain('rel="next"');
    expect(await logins(await list("?q=car"))).toEqual([]);
  });

  it("pages with Link rel=self and rel=next until every user was returned once", async () => {
    const seen: string[] = [];
    let url: string | undefined = `${fixture.org.orgUrl}/api/v1/users?limit=2`;
    let pages = 0;
    while (url) {
      const response: Response = await fetch(url, { headers: { authorization: `Bearer ${fixture.token}` } });
      const body = (await response.json()) as J[];
      expectMatchesSpec("listUsers", 200, body);
      for (const user of body) expect(Object.keys(user._links)).toEqual(["self"]);
      seen.push(...body.map((user) => user.profile.login.split("@")[0]));
      const link: string = response.headers.get("link") ?? "";
      expect(link).toContain(`<${url}>; rel="self"`);
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(["alice", "albert", "bob", "dave"]);
  });

  it("serves search results from an eventually consistent index when searchDelayMs is set", async () => {
    const { call, users } = await adminOrg([person("eve")], { options: { searchDelayMs: 1000 } });
    const search = () => call(`/api/v1/users?search=${encodeURIComponent('status eq "SUSPENDED"')}`);
    await call(`/api/v1/users/${users[0].id}/lifecycle/suspend`, { method: "POST" });
    expect(await logins(await search())).toEqual([]);
    expect(((await (await call(`/api/v1/users/${users[0].id}`)).json()) as J).status).toBe("SUSPENDED");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await logins(await search())).toEqual(["eve"]);
  });
});
