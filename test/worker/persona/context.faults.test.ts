import { describe, expect, it } from "vitest";
import { type UserContext, UserContextSchema } from "../../../shared/persona";
import { api, BOOTSTRAP } from "../support/api";
import { type PersonaFixture, personaFixture, requestsTo } from "./support";

async function context(fixture: PersonaFixture, userId: string): Promise<UserContext> {
  const response = await fixture.context(userId);
  expect(response.status).toBe(200);
  return UserContextSchema.parse(await response.json());
}

/** One account for the user with one open case: what the Persona half shows when Persona is healthy. */
async function seedOpenCase(fixture: PersonaFixture, userId: string): Promise<string> {
  const [account] = await fixture.seedAccounts([{ referenceId: userId }]);
  const [kase] = await fixture.seedCases([{ status: "Open", accounts: [account!.id] }]);
  return kase!.id;
}

describe("context when Persona fails: the Okta half is still answered (200) with persona.error", () => {
  it("Persona refuses the key (401): persona_rejected with Persona's title", async () => {
    const fixture = await personaFixture({ connect: false });
    const response = await api(`/api/orgs/${fixture.org.id}/persona`, {
      method: "PUT",
      headers: BOOTSTRAP,
      json: { apiKey: "persona_sandbox_not-a-key-of-this-environment", baseUrl: fixture.persona.baseUrl },
    });
    expect(response.status).toBe(200);
    const body = await context(fixture, fixture.users.active);
    expect(body.okta?.status).toBe("ACTIVE");
    expect(body.allowedActions.length).toBeGreaterThan(0);
    expect(body.persona.error).toMatchObject({
      code: "persona_rejected",
      details: { personaStatus: 401, title: "Must be authenticated to access this endpoint" },
    });
    expect(body.persona.cases).toEqual([]);
  });

  it("Persona rate-limits (429): persona_rate_limited with retryAfterSeconds from RateLimit-Reset", async () => {
    const fixture = await personaFixture();
    await fixture.personaFault({ kind: "429", count: 1, resetSeconds: 30, pathPrefix: "/accounts" });
    const body = await context(fixture, fixture.users.active);
    expect(body.okta?.id).toBe(fixture.users.active);
    expect(body.persona.error?.code).toBe("persona_rate_limited");
    expect(body.persona.error?.details?.retryAfterSeconds).toBe(30);
    // While Persona says the budget is spent, no more requests are sent to be refused.
    const again = await context(fixture, fixture.users.active);
    expect(again.persona.error?.code).toBe("persona_rate_limited");
    expect((await requestsTo(fixture, "GET", "/accounts")).length).toBe(1);
  });

  it("Persona 500 (twice, so the one read retry fails too): persona_unavailable", async () => {
    const fixture = await personaFixture();
    await fixture.personaFault({ kind: "500", count: 2, pathPrefix: "/accounts" });
    const body = await context(fixture, fixture.users.active);
    expect(body.okta?.status).toBe("ACTIVE");
    expect(body.persona.error).toMatchObject({ code: "persona_unavailable", details: { personaStatus: 500 } });
  });

  it("Persona hangs: persona_timeout after the attempt timeout, the Okta half unharmed", async () => {
    const fixture = await personaFixture();
    await fixture.personaFault({ kind: "hang", count: 1, pathPrefix: "/accounts" });
    const started = Date.now();
    const body = await context(fixture, fixture.users.active);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(body.okta?.status).toBe("ACTIVE");
    expect(body.persona.error?.code).toBe("persona_timeout");
  });

  it("a failure is not cached: the next view asks Persona again and shows the case", async () => {
    const fixture = await personaFixture();
    const caseId = await seedOpenCase(fixture, fixture.users.active);
    await fixture.personaFault({ kind: "500", count: 2, pathPrefix: "/accounts" });
    expect((await context(fixture, fixture.users.active)).persona.error?.code).toBe("persona_unavailable");
    const body = await context(fixture, fixture.users.active);
    expect(body.persona.error).toBeUndefined();
    expect(body.persona.cached).toBe(false);
    expect(body.persona.cases.map((c) => c.id)).toEqual([caseId]);
  });
});

describe("context when Okta fails: the Persona half is still answered (200) with okta: null and oktaError", () => {
  it("Okta down (5xx on every user read): oktaError okta_unavailable, no actions offered, Persona's case shown", async () => {
    const fixture = await personaFixture();
    const caseId = await seedOpenCase(fixture, fixture.users.active);
    await fixture.fault({ kind: "503", count: 10, pathPrefix: "/api/v1/users" });
    const body = await context(fixture, fixture.users.active);
    expect(body.okta).toBeNull();
    expect(body.oktaError?.code).toBe("okta_unavailable");
    expect(body.allowedActions).toEqual([]);
    expect(body.persona.error).toBeUndefined();
    expect(body.persona.cases.map((c) => c.id)).toEqual([caseId]);
  });

  it("an unknown Okta user: oktaError okta_not_found, still 200", async () => {
    const fixture = await personaFixture();
    const body = await context(fixture, "00uDoesNotExist000000");
    expect(body.okta).toBeNull();
    expect(body.oktaError?.code).toBe("okta_not_found");
    expect(body.persona.cases).toEqual([]);
  });
});
