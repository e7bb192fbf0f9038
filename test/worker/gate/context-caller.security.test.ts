import { describe, expect, it } from "vitest";
import { personaFixture } from "../persona/support";
import { api, BOOTSTRAP, errorCode, provision, signIn, testIdp } from "../support/api";

const ORIGIN = { origin: "https://companion.test" };

/**
 * The context route verifies its caller inside the organization's gate (one call: routes/gate-scope.ts reads the
 * claim, OrgActions.userContext checks it against the org's own sessions and keys). A caller the gate no longer
 * knows gets 401, and neither Okta nor Persona is asked.
 */
describe("GET …/context: the gate refuses a caller the organization no longer knows", () => {
  it("a revoked API key: 401, nothing sent to Okta or Persona", async () => {
    const fixture = await personaFixture();
    const created = await api(`/api/orgs/${fixture.org.id}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: "viewer key", role: "viewer" } });
    const { id, key } = (await created.json()) as { id: string; key: string };
    const asKey = { authorization: `Bearer ${key}` };
    expect((await fixture.context(fixture.users.active, asKey)).status).toBe(200);
    expect((await api(`/api/orgs/${fixture.org.id}/api-keys/${id}`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);

    const okta = (await fixture.apiRequests()).length;
    const persona = (await fixture.personaRequests()).length;
    const refused = await fixture.context(fixture.users.active, asKey);
    expect(refused.status).toBe(401);
    expect(await errorCode(refused)).toBe("unauthenticated");
    expect((await fixture.apiRequests()).length).toBe(okta);
    expect((await fixture.personaRequests()).length).toBe(persona);
  });

  it("a disabled user's session: 401 at once, nothing sent to Okta", async () => {
    const fixture = await personaFixture();
    const email = `viewer-${crypto.randomUUID().slice(0, 8)}@acme.test`;
    await provision(fixture.org.id, email, "viewer");
    const session = { cookie: await signIn(await testIdp(), fixture.org, email), ...ORIGIN };
    expect((await fixture.context(fixture.users.active, session)).status).toBe(200);
    const users = (await (await api(`/api/orgs/${fixture.org.id}/users`, { headers: BOOTSTRAP })).json()) as { users: Array<{ id: string; email: string }> };
    const user = users.users.find((candidate) => candidate.email === email)!;
    const disabled = await api(`/api/orgs/${fixture.org.id}/users/${user.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { disabled: true } });
    expect(disabled.status).toBe(200);

    const okta = (await fixture.apiRequests()).length;
    expect((await fixture.context(fixture.users.active, session)).status).toBe(401);
    expect((await fixture.apiRequests()).length).toBe(okta);
  });
});
