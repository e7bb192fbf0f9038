import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import { StoredPersonaSchema } from "../../../shared/persona";
import { needsReseal, open, reseal, seal } from "../../../worker/src/crypto/secret-box";
import { personaKeyAad } from "../../../worker/src/storage/persona";
import { control, oktaFixture, restartGate } from "../okta/support";
import { connectPersona, personaControl, personaEnv, personaFixture } from "../persona/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";
import { storedRecord, workerKeyRing, writeRecord } from "./support";

/**
 * A secret goes only to the host it was entered for: the destination (an Okta org URL, Persona's base URL) is part
 * of the sealed value's AAD, and changing it through the API requires the secret again.
 */

const AAD = "cred:acme:cred_x:token";

describe("secret-box: a destination-bound value opens only for its destination", () => {
  it("opens for its own URL, not for another host, port, scheme or path, and not without a destination", async () => {
    const sealed = await seal("s3cret", AAD, workerKeyRing(), "https://acme.okta.com");
    expect(sealed.to).toBe(true);
    expect(await open(sealed, AAD, workerKeyRing(), "https://acme.okta.com/")).toBe("s3cret");
    for (const destination of ["https://evil.example", "https://acme.okta.com:8443", "http://acme.okta.com", "https://acme.okta.com/x", undefined]) {
      const failure = await open(sealed, AAD, workerKeyRing(), destination).catch((error: unknown) => error);
      expect(isAppError(failure, "decryption_failed")).toBe(true);
    }
  });

  it("a value sealed before bindings existed still opens, needs a re-seal, and is bound by it", async () => {
    const legacy = await seal("s3cret", AAD, workerKeyRing());
    expect(legacy.to).toBeUndefined();
    expect(await open(legacy, AAD, workerKeyRing(), "https://acme.okta.com")).toBe("s3cret");
    expect(needsReseal(legacy, workerKeyRing(), "https://acme.okta.com")).toBe(true);
    const bound = await reseal(legacy, AAD, workerKeyRing(), "https://acme.okta.com");
    expect(bound.to).toBe(true);
    expect(needsReseal(bound, workerKeyRing(), "https://acme.okta.com")).toBe(false);
    expect(isAppError(await open(bound, AAD, workerKeyRing(), "https://evil.example").catch((error: unknown) => error), "decryption_failed")).toBe(true);
  });
});

describe("Okta credentials: the token and keys are sealed for the credential's org URL", () => {
  it("an SSWS record whose orgUrl is swapped in storage never sends its token to the new host", async () => {
    const victim = await oktaFixture({ type: "okta_api_key" });
    const attackerOrg = (await control("/orgs", { json: { dedicatedPort: true } })) as { orgId: string; orgUrl: string };
    const record = await storedRecord(victim.org.id, victim.credentialId);
    expect(record.type === "okta_api_key" && record.token.to).toBe(true);
    await writeRecord({ ...record, orgUrl: attackerOrg.orgUrl });
    await restartGate(victim.org.id);
    const response = await victim.proxy(`/users/${victim.users.active}`);
    expect(response.status).toBe(500);
    expect(await errorCode(response)).toBe("decryption_failed");
    expect(await control(`/orgs/${attackerOrg.orgId}/api-requests`)).toEqual([]);
  });

  it("an API Service record whose orgUrl is swapped cannot sign a client assertion for the new host", async () => {
    const victim = await oktaFixture();
    const attackerOrg = (await control("/orgs", { json: { dedicatedPort: true } })) as { orgId: string; orgUrl: string };
    const record = await storedRecord(victim.org.id, victim.credentialId);
    await writeRecord({ ...record, orgUrl: attackerOrg.orgUrl });
    await restartGate(victim.org.id);
    const response = await victim.proxy(`/users/${victim.users.active}`);
    expect(await errorCode(response)).toBe("decryption_failed");
    expect(await control(`/orgs/${attackerOrg.orgId}/token-requests`)).toEqual([]);
  });
});

describe("Persona: the API key goes only to the base URL it was entered with", () => {
  it("PATCH to another host is refused (secret_reentry_required), changes nothing, and the new host hears nothing", async () => {
    const fixture = await personaFixture();
    const attacker = await personaEnv();
    const before = await env.CONFIG.get(`persona:${fixture.org.id}`);
    const patch = await api(`/api/orgs/${fixture.org.id}/persona`, { method: "PATCH", headers: BOOTSTRAP, json: { baseUrl: attacker.baseUrl } });
    expect(patch.status).toBe(400);
    expect(await errorCode(patch)).toBe("secret_reentry_required");
    expect(await env.CONFIG.get(`persona:${fixture.org.id}`)).toBe(before);
    await api(`/api/orgs/${fixture.org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP });
    expect(await personaRequestsOf(attacker.envId)).toEqual([]);
  });

  it("PATCH with the same host still works, and PUT with the key moves the connection to a new host", async () => {
    const fixture = await personaFixture();
    const same = await api(`/api/orgs/${fixture.org.id}/persona`, {
      method: "PATCH",
      headers: BOOTSTRAP,
      json: { baseUrl: fixture.persona.baseUrl, tagCasesAfterActions: true },
    });
    expect(same.status).toBe(200);
    const next = await personaEnv();
    await connectPersona(fixture.org.id, next);
    const test = await api(`/api/orgs/${fixture.org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP });
    expect(await test.json()).toMatchObject({ ok: true, baseUrl: next.baseUrl });
  });

  it("a record whose baseUrl is swapped in storage does not open its key for the new host", async () => {
    const fixture = await personaFixture();
    const attacker = await personaEnv();
    const stored = StoredPersonaSchema.parse(JSON.parse((await env.CONFIG.get(`persona:${fixture.org.id}`))!));
    expect(stored.apiKey.to).toBe(true);
    await env.CONFIG.put(`persona:${fixture.org.id}`, JSON.stringify({ ...stored, baseUrl: attacker.baseUrl }));
    const failure = await open(stored.apiKey, personaKeyAad(fixture.org.id), workerKeyRing(), attacker.baseUrl).catch((error: unknown) => error);
    expect(isAppError(failure, "decryption_failed")).toBe(true);
    await api(`/api/orgs/${fixture.org.id}/persona/test`, { method: "POST", headers: BOOTSTRAP });
    expect(await personaRequestsOf(attacker.envId)).toEqual([]);
  });
});

/** What a fake Persona environment received (its request log). */
async function personaRequestsOf(envId: string): Promise<Array<{ method: string; path: string }>> {
  return (await personaControl(`/envs/${envId}/requests`)) as Array<{ method: string; path: string }>;
}
