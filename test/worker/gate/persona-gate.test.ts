import { describe, expect, it } from "vitest";
import { type UserContext, UserContextSchema } from "../../../shared/persona";
import { restartGate } from "../okta/support";
import { connectPersona, type PersonaFixture, personaControl, personaEnv, personaFixture, requestsTo } from "../persona/support";
import { api, BOOTSTRAP } from "../support/api";

async function context(fixture: PersonaFixture, userId: string): Promise<UserContext> {
  const response = await fixture.context(userId);
  expect(response.status).toBe(200);
  return UserContextSchema.parse(await response.json());
}

describe("the organization's gate holds its Persona state (one copy for every isolate)", () => {
  it("Persona's rate-limit book lives in the gate: a restarted gate has forgotten the 429, no edge copy remembers it", async () => {
    const fixture = await personaFixture();
    await fixture.personaFault({ kind: "429", count: 1, resetSeconds: 30, pathPrefix: "/accounts" });
    expect((await context(fixture, fixture.users.active)).persona.error?.code).toBe("persona_rate_limited");
    expect((await context(fixture, fixture.users.active)).persona.error?.code).toBe("persona_rate_limited");
    expect((await requestsTo(fixture, "GET", "/accounts")).length).toBe(1);

    await restartGate(fixture.org.id);
    const after = await context(fixture, fixture.users.active);
    expect(after.persona.error).toBeUndefined();
    expect((await requestsTo(fixture, "GET", "/accounts")).length).toBe(2);
  });

  it("a new connection is used from the next view, although the gate had opened the old one", async () => {
    const fixture = await personaFixture();
    expect((await context(fixture, fixture.users.active)).persona.error).toBeUndefined();
    const before = (await fixture.personaRequests()).length;

    const next = await personaEnv();
    await connectPersona(fixture.org.id, next);
    expect((await context(fixture, fixture.users.active)).persona.cached).toBe(false);
    expect((await fixture.personaRequests()).length).toBe(before);
    expect(((await personaControl(`/envs/${next.envId}/requests`)) as unknown[]).length).toBeGreaterThan(0);
  });

  it("a deleted connection is gone from the next view: persona_not_configured, no request to Persona", async () => {
    const fixture = await personaFixture();
    expect((await context(fixture, fixture.users.active)).persona.error).toBeUndefined();
    const before = (await fixture.personaRequests()).length;
    expect((await api(`/api/orgs/${fixture.org.id}/persona`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    expect((await context(fixture, fixture.users.active)).persona.error?.code).toBe("persona_not_configured");
    expect((await fixture.personaRequests()).length).toBe(before);
  });
});
