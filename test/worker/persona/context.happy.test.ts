import { describe, expect, it } from "vitest";
import type { UserContext } from "../../../shared/persona";
import { UserContextSchema } from "../../../shared/persona";
import { control } from "../okta/support";
import { api, BOOTSTRAP } from "../support/api";
import { eventually, type PersonaFixture, personaFixture, requestsTo } from "./support";

async function context(fixture: PersonaFixture, userId: string): Promise<UserContext> {
  const response = await fixture.context(userId);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return UserContextSchema.parse(await response.json());
}

/** An account for the Okta user with two open and two resolved cases, one case of another account, two inquiries. */
async function seedUser(fixture: PersonaFixture, userId: string) {
  const [account, other] = await fixture.seedAccounts([{ referenceId: userId }, { referenceId: "00uSomeoneElse0000000" }]);
  const cases = await fixture.seedCases([
    { name: "open old", status: "Open", createdAt: "2026-01-01T00:00:00Z", accounts: [account!.id], assigneeId: "user_reviewer" },
    {
      name: "resolved newest",
      status: "Approved",
      resolution: "Approved",
      createdAt: "2026-03-01T00:00:00Z",
      resolvedAt: "2026-03-02T00:00:00Z",
      accounts: [account!.id],
    },
    { name: "open new", status: "Pending", createdAt: "2026-02-01T00:00:00Z", accounts: [account!.id] },
    {
      name: "resolved old",
      status: "Declined",
      resolution: "Declined",
      createdAt: "2025-06-01T00:00:00Z",
      resolvedAt: "2025-06-02T00:00:00Z",
      accounts: [account!.id],
    },
    { name: "someone else's", status: "Open", createdAt: "2026-04-01T00:00:00Z", accounts: [other!.id] },
  ]);
  const inquiries = await fixture.seedInquiries([
    { accountId: account!.id, status: "approved", createdAt: "2025-12-01T00:00:00Z" },
    { accountId: account!.id, status: "needs_review", createdAt: "2026-02-15T00:00:00Z" },
  ]);
  return { account: account!, cases: cases.map((c) => c.id), inquiries: inquiries.map((i) => i.id) };
}

describe("GET …/okta/users/{id}/context: the Okta user and their Persona case in one round trip", () => {
  it("matches the account by reference-id = Okta user ID: open cases first, newest first, inquiries newest first, deep links", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    const seeded = await seedUser(fixture, user);
    expect((await fixture.proxy(`/users/${user}`)).status).toBe(200); // an audited read, to find in recentAudit

    const body = await context(fixture, user);
    expect(body.okta).toMatchObject({
      id: user,
      status: "ACTIVE",
      profile: { login: "ada@acme.test", email: "ada@acme.test", firstName: "Ada", lastName: "Lovelace" },
    });
    expect(Array.isArray(body.okta!.groups)).toBe(true);
    expect(body.oktaError).toBeUndefined();
    expect(body.allowedActions).toContain("suspend");
    expect(body.allowedActions).not.toContain("unsuspend");

    const persona = body.persona;
    expect(persona.error).toBeUndefined();
    expect(persona).toMatchObject({ matchedBy: "reference-id", ambiguous: false, environment: "sandbox", cached: false });
    expect(persona.account).toMatchObject({
      id: seeded.account.id,
      referenceId: user,
      dashboardUrl: `https://app.withpersona.com/dashboard/accounts/${seeded.account.id}`,
    });
    const [openOld, resolvedNewest, openNew, resolvedOld] = seeded.cases;
    expect(persona.cases.map((c) => c.id)).toEqual([openNew, openOld, resolvedNewest, resolvedOld]);
    expect(persona.cases[0]).toMatchObject({
      status: "Pending",
      name: "open new",
      open: true,
      resolvedAt: null,
      dashboardUrl: `https://app.withpersona.com/dashboard/cases/${openNew}`,
    });
    expect(persona.cases[1]).toMatchObject({ assigneeId: "user_reviewer" });
    expect(persona.cases[2]).toMatchObject({ open: false, resolvedAt: "2026-03-02T00:00:00.000Z", createdAt: "2026-03-01T00:00:00.000Z" });
    expect(persona.inquiries.map((i) => i.id)).toEqual([seeded.inquiries[1], seeded.inquiries[0]]);
    expect(persona.inquiries[0]).toMatchObject({
      status: "needs_review",
      dashboardUrl: `https://app.withpersona.com/dashboard/inquiries/${seeded.inquiries[1]}`,
    });

    expect(body.recentAudit?.[0]).toMatchObject({ action: "retrieve", targetUserId: user, result: "success" });

    // Persona was asked the documented way: pinned version, kebab keys, the filter on the account.
    const [accountsRequest] = await requestsTo(fixture, "GET", "/accounts");
    expect(accountsRequest!.headers["persona-version"]).toBe("2025-12-08");
    expect(accountsRequest!.headers["key-inflection"]).toBe("kebab");
    expect(accountsRequest!.query).toContainEqual(["filter[reference-id]", user]);
  });

  it("reading a context is not audited (no audit spam from page views)", async () => {
    const fixture = await personaFixture();
    const auditLog = async () => ((await (await api(`/api/orgs/${fixture.org.id}/audit`, { headers: BOOTSTRAP })).json()) as { entries: unknown[] }).entries;
    // Setting the fixture up is audited (configuration changes); the read must add nothing to it.
    const before = await auditLog();
    await context(fixture, fixture.users.active);
    expect(await auditLog()).toEqual(before);
  });

  it("a user without a Persona account gets cases: [] and no error", async () => {
    const fixture = await personaFixture();
    const body = await context(fixture, fixture.users.active);
    expect(body.persona).toMatchObject({ matchedBy: null, account: null, ambiguous: false, cases: [], inquiries: [] });
    expect(body.persona.error).toBeUndefined();
  });

  it("several accounts with the user's reference-id are shown as ambiguous, never guessed between", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    const accounts = await fixture.seedAccounts([{ referenceId: user }, { referenceId: user }]);
    await fixture.seedCases([{ status: "Open", accounts: [accounts[0]!.id] }]);
    const { persona } = await context(fixture, user);
    expect(persona).toMatchObject({ ambiguous: true, account: null, cases: [], inquiries: [] });
    expect(persona.accounts?.map((a) => a.id).sort()).toEqual(accounts.map((a) => a.id).sort());
    expect(await requestsTo(fixture, "GET", "/cases")).toEqual([]);
  });

  it("an organization without Persona still gets the Okta half, with persona.error persona_not_configured (200)", async () => {
    const fixture = await personaFixture({ connect: false });
    const body = await context(fixture, fixture.users.suspended);
    expect(body.okta?.status).toBe("SUSPENDED");
    expect(body.allowedActions).toContain("unsuspend");
    expect(body.persona.error?.code).toBe("persona_not_configured");
    expect(body.persona.cases).toEqual([]);
  });

  it("email matching is used only once the organization enables it", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    const [account] = await fixture.seedAccounts([{ fields: { email_address: "ada@acme.test" } }]);
    await fixture.seedCases([{ status: "Open", accounts: [account!.id] }]);
    expect((await context(fixture, user)).persona.matchedBy).toBeNull();
    expect(await requestsTo(fixture, "POST", "/accounts/search")).toEqual([]);

    const patched = await api(`/api/orgs/${fixture.org.id}/persona`, { method: "PATCH", headers: BOOTSTRAP, json: { matchByEmail: { enabled: true } } });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { settings: unknown }).settings).toMatchObject({ matchByEmail: { enabled: true, accountField: "email_address" } });
    const { persona } = await context(fixture, user);
    expect(persona).toMatchObject({ matchedBy: "email", account: { id: account!.id } });
    expect(persona.cases.length).toBe(1);
  });
});

describe("context cache: Persona's half is reused briefly per organization; Okta's is always fresh", () => {
  it("two views cost one Persona account lookup; the second says cached", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await seedUser(fixture, user);
    const first = await context(fixture, user);
    const second = await context(fixture, user);
    expect(first.persona.cached).toBe(false);
    expect(second.persona.cached).toBe(true);
    expect(second.persona.cases).toEqual(first.persona.cases);
    expect((await requestsTo(fixture, "GET", "/accounts")).length).toBe(1);
  });

  it("disconnecting Persona empties the cache: the next view says persona_not_configured, not a cached answer", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await seedUser(fixture, user);
    expect((await context(fixture, user)).persona.cases.length).toBeGreaterThan(0);
    expect((await api(`/api/orgs/${fixture.org.id}/persona`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    const after = await context(fixture, user);
    expect(after.persona.cached).toBe(false);
    expect(after.persona.error?.code).toBe("persona_not_configured");
  });

  it("concurrent views of an uncached user share one Persona lookup", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await seedUser(fixture, user);
    const views = await Promise.all(Array.from({ length: 8 }, () => context(fixture, user)));
    expect(views.every((view) => view.persona.cases.length > 0)).toBe(true);
    expect((await requestsTo(fixture, "GET", "/accounts")).length).toBe(1);
  });

  it("the Okta status is never stale, even while Persona's half comes from the cache", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await context(fixture, user);
    await control(`/orgs/${fixture.fakeOrg.orgId}/users/${user}`, { method: "PATCH", json: { status: "LOCKED_OUT" } });
    const body = await context(fixture, user);
    expect(body.persona.cached).toBe(true);
    expect(body.okta?.status).toBe("LOCKED_OUT");
  });

  it("a suspend through the proxy forgets the user's cached Persona half: the next view asks Persona again", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await seedUser(fixture, user);
    await context(fixture, user);
    expect((await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
    const body = await context(fixture, user);
    expect(body.persona.cached).toBe(false);
    expect(body.okta?.status).toBe("SUSPENDED");
    expect((await requestsTo(fixture, "GET", "/accounts")).length).toBe(2);
    expect(body.recentAudit?.[0]).toMatchObject({ action: "suspend", result: "success" });
  });

  it("a read through the proxy keeps the cache (reads change nothing)", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await context(fixture, user);
    expect((await fixture.proxy(`/users/${user}`)).status).toBe(200);
    expect((await context(fixture, user)).persona.cached).toBe(true);
  });
});

describe("tagCasesAfterActions: the user's newest open case is tagged after a lifecycle action", () => {
  it("suspend tags the newest open case okta:suspended, once, with an Idempotency-Key; resolved cases are left alone", async () => {
    const fixture = await personaFixture({ settings: { tagCasesAfterActions: true } });
    const user = fixture.users.active;
    const seeded = await seedUser(fixture, user);
    const [, resolvedNewest, openNew] = seeded.cases;
    expect((await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
    const tags = await eventually(
      () => requestsTo(fixture, "POST", `/cases/${openNew}/add-tag`),
      (requests) => requests.length > 0,
    );
    expect(tags.length).toBe(1);
    expect(tags[0]!.body).toEqual({ meta: { "tag-name": "okta:suspended" } });
    expect(tags[0]!.idempotencyKey).toMatch(/^okta-suspend-/);
    expect(((await fixture.personaCase(openNew!)) as { attributes: { tags: string[] } }).attributes.tags).toContain("okta:suspended");
    expect(((await fixture.personaCase(resolvedNewest!)) as { attributes: { tags: string[] } }).attributes.tags).not.toContain("okta:suspended");
  });

  it("off by default: an action tags nothing", async () => {
    const fixture = await personaFixture();
    const user = fixture.users.active;
    await seedUser(fixture, user);
    expect((await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fixture.personaRequests()).filter((request) => request.path.endsWith("/add-tag"))).toEqual([]);
  });

  it("a tag that Persona refuses never fails the action; the failure is in the organization's log", async () => {
    const fixture = await personaFixture({ settings: { tagCasesAfterActions: true } });
    const user = fixture.users.active;
    await seedUser(fixture, user);
    await fixture.personaFault({ kind: "500", count: 1, pathPrefix: "/cases/", method: "POST" });
    const response = await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(200);
    const log = await eventually(
      async () =>
        ((await (await api(`/api/orgs/${fixture.org.id}/log`, { headers: BOOTSTRAP })).json()) as { entries: Array<{ event: string; code: string }> }).entries,
      (entries) => entries.some((entry) => entry.event === "persona_tag_failed"),
    );
    expect(log.find((entry) => entry.event === "persona_tag_failed")?.code).toBe("persona_unavailable");
  });
});
