import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { StoredPersonaSchema } from "../../../shared/persona";
import { open, seal } from "../../../worker/src/crypto/secret-box";
import { personaKeyAad } from "../../../worker/src/storage/persona";
import { v1OnlyKeyRing, workerKeyRing } from "../credentials/support";
import { api, BOOTSTRAP, createOrg, errorCode, orgWithSso, provision, signIn, testIdp } from "../support/api";
import { connectPersona, personaControl, personaEnv, personaFixture } from "./support";

const ORIGIN = { origin: "https://companion.test" };

/** A session cookie for a fresh user with `role` in `org`. */
async function sessionAs(org: { id: string; acsUrl: string; audienceUri: string }, role: "viewer" | "operator" | "admin"): Promise<Record<string, string>> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@acme.test`;
  await provision(org.id, email, role);
  return { cookie: await signIn(await testIdp(), org, email), ...ORIGIN };
}

describe("Persona connection routes: admin only, tenant-scoped, the key never leaves", () => {
  it("PUT answers the view (environment from the key prefix) and neither it, GET, nor the raw KV value holds the key", async () => {
    const org = await createOrg();
    const persona = await personaEnv();
    const put = await api(`/api/orgs/${org.id}/persona`, {
      method: "PUT",
      headers: BOOTSTRAP,
      json: { apiKey: persona.apiKey, baseUrl: persona.baseUrl, tagCasesAfterActions: true },
    });
    expect(put.status).toBe(200);
    const putText = await put.text();
    expect(JSON.parse(putText)).toMatchObject({
      configured: true,
      environment: "sandbox",
      baseUrl: persona.baseUrl,
      settings: { tagCasesAfterActions: true, matchByEmail: { enabled: false } },
    });
    const getText = await (await api(`/api/orgs/${org.id}/persona`, { headers: BOOTSTRAP })).text();
    const raw = await env.CONFIG.get(`persona:${org.id}`);
    expect(raw).not.toBeNull();
    for (const text of [putText, getText, raw!]) expect(text).not.toContain(persona.apiKey);
    expect(raw).not.toContain(persona.apiKey.slice("persona_sandbox_".length));
  });

  it("a production key is reported as production", async () => {
    const org = await createOrg();
    const persona = await personaEnv({ apiKey: `persona_production_${crypto.randomUUID()}` });
    await connectPersona(org.id, persona);
    expect(((await (await api(`/api/orgs/${org.id}/persona`, { headers: BOOTSTRAP })).json()) as { environment: string }).environment).toBe("production");
  });

  it("re-keying with PUT keeps the settings not given", async () => {
    const org = await createOrg();
    const persona = await personaEnv();
    await connectPersona(org.id, persona, { tagCasesAfterActions: true, matchByEmail: { enabled: true, caseField: "work_email" } });
    const again = await api(`/api/orgs/${org.id}/persona`, { method: "PUT", headers: BOOTSTRAP, json: { apiKey: persona.apiKey } });
    expect(await again.json()).toMatchObject({
      baseUrl: persona.baseUrl,
      settings: { tagCasesAfterActions: true, matchByEmail: { enabled: true, accountField: null, caseField: "work_email" } },
    });
  });

  it("GET without a connection says configured: false; DELETE answers 204 and forgets it; PATCH then answers 409", async () => {
    const org = await createOrg();
    expect(await (await api(`/api/orgs/${org.id}/persona`, { headers: BOOTSTRAP })).json()).toEqual({ configured: false });
    await connectPersona(org.id, await personaEnv());
    expect((await api(`/api/orgs/${org.id}/persona`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    expect(await (await api(`/api/orgs/${org.id}/persona`, { headers: BOOTSTRAP })).json()).toEqual({ configured: false });
    expect(await env.CONFIG.get(`persona:${org.id}`)).toBeNull();
    const patch = await api(`/api/orgs/${org.id}/persona`, { method: "PATCH", headers: BOOTSTRAP, json: { tagCasesAfterActions: true } });
    expect(patch.status).toBe(409);
    expect(await errorCode(patch)).toBe("persona_not_configured");
  });

  it.each([
    ["plain http to a public host", "http://api.withpersona.com/api/v1"],
    ["a private address", "https://192.168.1.10/api/v1"],
    ["no /api/v1", "https://api.withpersona.com"],
  ])("a baseUrl with %s is refused: persona_base_url_invalid, nothing stored", async (_name, baseUrl) => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/persona`, {
      method: "PUT",
      headers: BOOTSTRAP,
      json: { apiKey: "persona_sandbox_0123456789abcdef", baseUrl },
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("persona_base_url_invalid");
    expect(await env.CONFIG.get(`persona:${org.id}`)).toBeNull();
  });

  it("a value that is not a Persona API key is refused before it is stored (invalid_request)", async () => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/persona`, { method: "PUT", headers: BOOTSTRAP, json: { apiKey: "wbhsec_0123456789abcdef" } });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("invalid_request");
    expect(JSON.stringify(await response.json().catch(() => ({})))).not.toContain("wbhsec_0123456789abcdef");
  });

  it("viewer and operator get 403 on every connection route; another organization's admin gets 404; no credential 401", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const other = await orgWithSso(idp);
    const persona = await personaEnv();
    await connectPersona(org.id, persona);
    const routes: Array<[string, string, unknown]> = [
      ["GET", "", undefined],
      ["PUT", "", { apiKey: persona.apiKey, baseUrl: persona.baseUrl }],
      ["PATCH", "", { tagCasesAfterActions: true }],
      ["DELETE", "", undefined],
      ["POST", "/test", undefined],
    ];
    const viewer = await sessionAs(org, "viewer");
    const operator = await sessionAs(org, "operator");
    const otherAdmin = await sessionAs(other, "admin");
    for (const [method, suffix, json] of routes) {
      const call = (headers: Record<string, string>) =>
        api(`/api/orgs/${org.id}/persona${suffix}`, { method, headers, ...(json === undefined ? {} : { json }) });
      for (const headers of [viewer, operator]) {
        const response = await call(headers);
        expect(`${method} ${suffix} ${response.status}`).toBe(`${method} ${suffix} 403`);
      }
      expect(await errorCode(await call(otherAdmin))).toBe("org_not_found");
      expect((await call({})).status).toBe(401);
    }
    // Nothing above changed the connection.
    expect(await (await api(`/api/orgs/${org.id}/persona`, { headers: BOOTSTRAP })).json()).toMatchObject({
      configured: true,
      settings: { tagCasesAfterActions: false },
    });
  });

  it("ENCRYPTION_KEYS rotation: POST /api/credentials/reseal moves a v1-sealed Persona key to v2, and it still works", async () => {
    const org = await createOrg();
    const persona = await personaEnv();
    await connectPersona(org.id, persona);
    const stored = StoredPersonaSchema.parse(JSON.parse((await env.CONFIG.get(`persona:${org.id}`))!));
    const aad = personaKeyAad(org.id);
    const old = { ...stored, apiKey: await seal(await open(stored.apiKey, aad, workerKeyRing(), stored.baseUrl), aad, v1OnlyKeyRing(), stored.baseUrl) };
    await env.CONFIG.put(`persona:${org.id}`, JSON.stringify(old));
    expect(old.apiKey.v).toBe(1);
    const response = await api("/api/credentials/reseal", { method: "POST", headers: BOOTSTRAP });
    expect(((await response.json()) as { resealed: number }).resealed).toBeGreaterThanOrEqual(1);
    expect(StoredPersonaSchema.parse(JSON.parse((await env.CONFIG.get(`persona:${org.id}`))!)).apiKey.v).toBe(2);
    expect(await (await api(`/api/orgs/${org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP })).json()).toMatchObject({ ok: true });
  });

  it("a sealed key copied into another organization's record does not open there (AAD names the organization)", async () => {
    const fixture = await personaFixture({ connect: false });
    const victim = await createOrg();
    await connectPersona(victim.id, await personaEnv());
    const stolen = JSON.parse((await env.CONFIG.get(`persona:${victim.id}`))!) as Record<string, unknown>;
    await env.CONFIG.put(`persona:${fixture.org.id}`, JSON.stringify({ ...stolen, orgId: fixture.org.id }));
    const body = (await (await fixture.context(fixture.users.active)).json()) as { persona: { error?: { code: string } } };
    expect(body.persona.error?.code).toBe("decryption_failed");
  });
});

describe("POST …/persona/test: whether Persona accepts the key, and the fix when it does not", () => {
  it("a working key: ok, environment and Persona's rate-limit budget", async () => {
    const org = await createOrg();
    await connectPersona(org.id, await personaEnv());
    const response = await api(`/api/orgs/${org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, environment: "sandbox", personaStatus: 200, code: null, rateLimit: { limit: 300 } });
  });

  it("an unknown key: ok false, 401, Persona's title and what to do", async () => {
    const org = await createOrg();
    const persona = await personaEnv();
    await connectPersona(org.id, { ...persona, apiKey: "persona_sandbox_revoked-key-0000" });
    const report = (await (await api(`/api/orgs/${org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP })).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: false, personaStatus: 401, code: "persona_rejected", title: "Must be authenticated to access this endpoint" });
    expect(String(report.remedy)).toMatch(/API keys/);
  });

  it("a key without the accounts permission: ok false, 403, persona_rejected", async () => {
    const org = await createOrg();
    const persona = await personaEnv({ permissions: ["case.read"] });
    await connectPersona(org.id, persona);
    const report = (await (await api(`/api/orgs/${org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP })).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: false, personaStatus: 403, code: "persona_rejected" });
    expect(String(report.remedy)).toMatch(/permission/);
  });

  it("rate-limited: ok false, 429, persona_rate_limited", async () => {
    const org = await createOrg();
    const persona = await personaEnv();
    await connectPersona(org.id, persona);
    await personaControl(`/envs/${persona.envId}/faults`, { json: { kind: "429", count: 1, resetSeconds: 5 } });
    const report = (await (await api(`/api/orgs/${org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP })).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: false, personaStatus: 429, code: "persona_rate_limited", title: "Rate limit exceeded" });
  });

  it("not connected: 409 persona_not_configured", async () => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP });
    expect(response.status).toBe(409);
    expect(await errorCode(response)).toBe("persona_not_configured");
  });
});

describe("GET …/context: viewers and up of the organization only", () => {
  it("a viewer reads it (recentAudit withheld: the audit is for operators); an operator gets recentAudit", async () => {
    const fixture = await personaFixture();
    const viewer = await sessionAs(fixture.org, "viewer");
    const operator = await sessionAs(fixture.org, "operator");
    const asViewer = await fixture.context(fixture.users.active, viewer);
    expect(asViewer.status).toBe(200);
    const viewerBody = (await asViewer.json()) as { okta: { status: string }; allowedActions: string[]; recentAudit: unknown };
    expect(viewerBody.okta.status).toBe("ACTIVE");
    expect(viewerBody.allowedActions).toEqual([]); // every lifecycle action needs operator or admin
    expect(viewerBody.recentAudit).toBeNull();
    const operatorBody = (await (await fixture.context(fixture.users.active, operator)).json()) as { allowedActions: string[]; recentAudit: unknown };
    expect(operatorBody.allowedActions).toContain("suspend");
    expect(operatorBody.allowedActions).not.toContain("deactivate");
    expect(Array.isArray(operatorBody.recentAudit)).toBe(true);
  });

  it("another organization's admin gets 404, without a credential 401, and Okta and Persona are not called", async () => {
    const fixture = await personaFixture();
    const other = await orgWithSso(await testIdp());
    const otherAdmin = await sessionAs(other, "admin");
    const foreign = await fixture.context(fixture.users.active, otherAdmin);
    expect(foreign.status).toBe(404);
    expect(await errorCode(foreign)).toBe("org_not_found");
    expect((await fixture.context(fixture.users.active, {})).status).toBe(401);
    expect(await fixture.apiRequests()).toEqual([]);
    expect(await fixture.personaRequests()).toEqual([]);
  });

  it("a login instead of an Okta user ID is refused (400): the Persona match keys on the ID", async () => {
    const fixture = await personaFixture();
    const response = await fixture.context(encodeURIComponent("ada@acme.test"));
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("invalid_request");
  });

  it("the Persona API key appears in no context answer", async () => {
    const fixture = await personaFixture();
    const [account] = await fixture.seedAccounts([{ referenceId: fixture.users.active }]);
    await fixture.seedCases([{ status: "Open", accounts: [account!.id] }]);
    const text = await (await fixture.context(fixture.users.active)).text();
    expect(text).toContain(account!.id);
    expect(text).not.toContain(fixture.persona.apiKey);
  });
});
