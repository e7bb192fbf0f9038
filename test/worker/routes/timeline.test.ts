import { describe, expect, it } from "vitest";
import { control } from "../okta/support";
import { type PersonaFixture, personaFixture } from "../persona/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";

type Page = {
  items: Array<{ id: string; source: string; type: string; time: string; marked?: string[]; client?: { country: string | null } }>;
  next: string | null;
  errors: Record<string, { code: string }>;
};

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A user with Okta sign-ins (two from France, then one from Romania), a factor reset, a Persona case and our own action. */
async function investigated(): Promise<{ fixture: PersonaFixture; user: string }> {
  const fixture = await personaFixture();
  const user = fixture.users.active;
  const target = [{ id: user, type: "User", alternateId: "ada@acme.test", displayName: "Ada" }];
  const signIn = (minutes: number, country: string, ip: string) => ({
    eventType: "user.session.start",
    published: minutesAgo(minutes),
    actor: target[0],
    target,
    client: { ipAddress: ip, userAgent: { rawUserAgent: "Firefox" }, geographicalContext: { country, city: "X" } },
  });
  await control(`/orgs/${fixture.fakeOrg.orgId}/log-events`, {
    json: [
      signIn(50, "France", "1.1.1.1"),
      signIn(40, "France", "1.1.1.1"),
      signIn(30, "Romania", "5.5.5.5"),
      { eventType: "user.mfa.factor.reset_all", published: minutesAgo(20), target },
      { eventType: "user.session.start", published: minutesAgo(10), target: [{ id: "00uSomeoneElse000001", type: "User" }] },
    ],
  });
  const [account] = await fixture.seedAccounts([{ referenceId: user }]);
  await fixture.seedCases([{ status: "Open", name: "KYC review", accounts: [account!.id], createdAt: minutesAgo(45) }]);
  expect((await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
  return { fixture, user };
}

const timeline = (fixture: PersonaFixture, user: string, query = "", headers: Record<string, string> = BOOTSTRAP) =>
  api(`/api/orgs/${fixture.org.id}/okta/users/${user}/timeline${query}`, { headers });

describe("GET …/okta/users/{userId}/timeline", () => {
  it("merges Okta's System Log, Persona and our audit, newest first, and marks what investigators look for", async () => {
    const { fixture, user } = await investigated();
    const page = (await (await timeline(fixture, user)).json()) as Page;
    expect(page.errors).toEqual({});
    const times = page.items.map((item) => Date.parse(item.time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(page.items.map((item) => item.source))).toEqual(new Set(["okta", "persona", "audit"]));
    expect(page.items.find((item) => item.client?.country === "Romania")?.marked).toEqual(["new_country", "new_ip"]);
    // A reset this product did not make is also marked as outside it; our own suspend is not.
    expect(page.items.find((item) => item.type === "user.mfa.factor.reset_all")?.marked).toEqual(["factor_reset", "outside_this_product"]);
    const ourSuspend = page.items.find((item) => item.source === "okta" && item.type === "user.lifecycle.suspend");
    expect(ourSuspend).toBeDefined();
    expect(ourSuspend?.marked ?? []).not.toContain("outside_this_product");
    expect(page.items.filter((item) => item.client?.country === "France").map((item) => item.marked ?? [])).toEqual([[], []]);
    expect(page.items.some((item) => item.source === "audit" && item.type === "suspend")).toBe(true);
    expect(page.items.some((item) => item.source === "persona" && item.type === "case.created")).toBe(true);
    // Only this user's events: Okta was asked with the user in the filter.
    const asked = (await fixture.apiRequests()).filter((request) => request.path === "/api/v1/logs");
    expect(new URLSearchParams(String(asked.at(-1)?.query)).get("filter")).toBe(`target.id eq "${user}" or actor.id eq "${user}"`);
  });

  it("its cursor walks every item once across the three sources", async () => {
    const { fixture, user } = await investigated();
    const all = ((await (await timeline(fixture, user)).json()) as Page).items.map((item) => item.id);
    const walked: string[] = [];
    let query = "?limit=2";
    for (let i = 0; i < 20; i++) {
      const page = (await (await timeline(fixture, user, query)).json()) as Page;
      walked.push(...page.items.map((item) => item.id));
      if (page.next === null) break;
      query = `?limit=2&after=${page.next}`;
    }
    expect(walked).toEqual(all);
  });

  it("a failing source is reported and never hides the others", async () => {
    const { fixture, user } = await investigated();
    await fixture.fault({ kind: "503", count: 5, pathPrefix: "/api/v1/logs" });
    const page = (await (await timeline(fixture, user)).json()) as Page;
    expect(page.errors.okta?.code).toMatch(/^okta_/);
    expect(new Set(page.items.map((item) => item.source))).toEqual(new Set(["persona", "audit"]));
    await fixture.personaFault({ kind: "500", count: 5, pathPrefix: "/accounts" });
    await fixture.proxy(`/users/${user}/lifecycle/unsuspend`, { method: "POST" }); // drops the cached Persona half
    const both = (await (await timeline(fixture, user, "?sources=persona,audit")).json()) as Page;
    expect(both.errors.persona?.code).toMatch(/^persona_/);
    expect(both.items.length).toBeGreaterThan(0);
  });

  it("a viewer sees Okta and Persona but not our audit; sources can be chosen; a forged cursor is a 400", async () => {
    const { fixture, user } = await investigated();
    const key = (await (
      await api(`/api/orgs/${fixture.org.id}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: "viewer", role: "viewer" } })
    ).json()) as { key: string };
    const viewer = (await (await timeline(fixture, user, "", { authorization: `Bearer ${key.key}` })).json()) as Page;
    expect(viewer.errors.audit?.code).toBe("forbidden");
    expect(viewer.items.some((item) => item.source === "audit")).toBe(false);
    const audit = (await (await timeline(fixture, user, "?sources=audit")).json()) as Page;
    expect(new Set(audit.items.map((item) => item.source))).toEqual(new Set(["audit"]));
    expect(await errorCode(await timeline(fixture, user, "?after=bm9wZQ"))).toBe("invalid_request");
    expect(await errorCode(await timeline(fixture, user, "?sources=email"))).toBe("invalid_request");
  });

  it("the user ID goes into Okta's filter only as an Okta ID: anything that could close the quotes never reaches Okta", async () => {
    const { fixture } = await investigated();
    const before = (await fixture.apiRequests()).filter((request) => request.path === "/api/v1/logs").length;
    for (const id of [encodeURIComponent('00u1" or actor.id pr or "'), encodeURIComponent("00u1 or 1")]) {
      expect((await timeline(fixture, id)).status).toBeGreaterThanOrEqual(400);
    }
    expect((await fixture.apiRequests()).filter((request) => request.path === "/api/v1/logs").length).toBe(before);
  });
});
