import { createLocalJWKSet, type JSONWebKeySet, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { ApiServiceCredential } from "../../../shared/credentials";
import { open, seal } from "../../../worker/src/crypto/secret-box";
import { loadSigningKey } from "../../../worker/src/okta/signing-keys";
import { credentialAad } from "../../../worker/src/storage/credentials";
import { api, BOOTSTRAP, createOrg, errorCode } from "../support/api";
import { apiServiceBody, createCredential, fetchJwks, rawRecord, storedApiService, v1OnlyKeyRing, workerKeyRing, writeRecord } from "./support";

const AUDIENCE = "https://acme.okta.com/oauth2/v1/token";
const GRACE_MS = 300_000;

/** A client assertion signed as the token client does: with whatever key the credential's record says is active. */
async function assertion(orgId: string, id: string): Promise<{ jwt: string; kid: string }> {
  const stored = await storedApiService(orgId, id);
  const key = await loadSigningKey(stored, workerKeyRing());
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(stored.clientId)
    .setSubject(stored.clientId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("2m")
    .sign(key.key);
  return { jwt, kid: key.kid };
}

/** Okta's side: does this JWKS (possibly an old, cached copy) verify the assertion? */
async function verifies(jwt: string, jwks: JSONWebKeySet): Promise<boolean> {
  return jwtVerify(jwt, createLocalJWKSet(jwks), { audience: AUDIENCE }).then(
    () => true,
    () => false,
  );
}

/** Moves a key's publication (or retirement) time into the past, past the grace period. */
async function backdate(orgId: string, id: string, kid: string, field: "createdAt" | "retiredAt"): Promise<void> {
  const stored = await storedApiService(orgId, id);
  const past = new Date(Date.now() - GRACE_MS - 1000).toISOString();
  await writeRecord({ ...stored, keys: stored.keys.map((key) => (key.kid === kid ? { ...key, [field]: past } : key)) });
}

const keysPath = (orgId: string, id: string) => `/api/orgs/${orgId}/credentials/${id}/keys`;

describe("key rotation: add, publish both, switch signing, retire, delete — no failed assertion in between", () => {
  it("each step keeps every assertion verifiable by both the current JWKS and the copy Okta may have cached", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody());
    const oldKid = created.keys![0]!.kid;
    const jwks0 = await fetchJwks(org.id, created.id);

    // 1. add: a `next` key, published at once; the active key still signs.
    const added = await api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP });
    expect(added.status).toBe(201);
    const addedBody = (await added.json()) as { kid: string; keys: Array<{ kid: string; status: string }> };
    const newKid = addedBody.kid;
    expect(newKid).not.toBe(oldKid);
    expect(addedBody.keys).toEqual([expect.objectContaining({ kid: oldKid, status: "active" }), expect.objectContaining({ kid: newKid, status: "next" })]);
    const jwks1 = await fetchJwks(org.id, created.id);
    expect(jwks1.keys.map((k) => k.kid)).toEqual([oldKid, newKid]);
    const beforeSwitch = await assertion(org.id, created.id);
    expect(beforeSwitch.kid).toBe(oldKid);
    expect(await verifies(beforeSwitch.jwt, jwks0)).toBe(true);
    expect(await verifies(beforeSwitch.jwt, jwks1)).toBe(true);

    // 2. activate once the grace period is over: the new key signs, the old one is retired but still published.
    await backdate(org.id, created.id, newKid, "createdAt");
    const activated = await api(`${keysPath(org.id, created.id)}/${newKid}/activate`, { method: "POST", headers: BOOTSTRAP });
    expect(activated.status).toBe(200);
    const activatedBody = (await activated.json()) as { keys: Array<{ kid: string; status: string; retiredAt?: string }> };
    expect(activatedBody.keys).toEqual([
      expect.objectContaining({ kid: oldKid, status: "retired", retiredAt: expect.any(String) }),
      expect.objectContaining({ kid: newKid, status: "active" }),
    ]);
    const jwks2 = await fetchJwks(org.id, created.id);
    expect(jwks2.keys.map((k) => k.kid)).toEqual([oldKid, newKid]);
    const afterSwitch = await assertion(org.id, created.id);
    expect(afterSwitch.kid).toBe(newKid);
    expect(await verifies(afterSwitch.jwt, jwks1)).toBe(true); // Okta's cached copy from step 1
    expect(await verifies(afterSwitch.jwt, jwks2)).toBe(true);
    expect(await verifies(beforeSwitch.jwt, jwks2)).toBe(true); // an assertion in flight from before the switch
    expect(await verifies(afterSwitch.jwt, jwks0)).toBe(false); // why the new key must be published first

    // 3. delete the retired key after the grace period: gone from the JWKS; the active key keeps working.
    await backdate(org.id, created.id, oldKid, "retiredAt");
    const deleted = await api(`${keysPath(org.id, created.id)}/${oldKid}`, { method: "DELETE", headers: BOOTSTRAP });
    expect(deleted.status).toBe(204);
    const jwks3 = await fetchJwks(org.id, created.id);
    expect(jwks3.keys.map((k) => k.kid)).toEqual([newKid]);
    expect(await verifies((await assertion(org.id, created.id)).jwt, jwks3)).toBe(true);
    expect(await verifies(beforeSwitch.jwt, jwks3)).toBe(false);
    const view = (await (await api(`/api/orgs/${org.id}/credentials/${created.id}`, { headers: BOOTSTRAP })).json()) as { keys: unknown[] };
    expect(view.keys).toEqual([expect.objectContaining({ kid: newKid, status: "active" })]);
  });

  it("activating a key published less than the grace period ago is refused (key_not_yet_published) unless forced", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const { kid } = (await (await api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP })).json()) as { kid: string };
    const early = await api(`${keysPath(org.id, created.id)}/${kid}/activate`, { method: "POST", headers: BOOTSTRAP });
    expect(early.status).toBe(409);
    expect(await errorCode(early)).toBe("key_not_yet_published");
    expect((await storedApiService(org.id, created.id)).keys.find((k) => k.status === "active")!.kid).toBe(created.keys![0]!.kid);
    const forced = await api(`${keysPath(org.id, created.id)}/${kid}/activate?force=true`, { method: "POST", headers: BOOTSTRAP });
    expect(forced.status).toBe(200);
    const stored = await storedApiService(org.id, created.id);
    expect(stored.keys.find((k) => k.status === "active")!.kid).toBe(kid);
    expect(stored.keys.find((k) => k.status === "active")!.alg).toBe("ES256");
  });

  it("only a retired key can be deleted: the active and next keys are refused (key_in_use), a fresh retiree waits", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody());
    const activeKid = created.keys![0]!.kid;
    const del = (kid: string, query = "") => api(`${keysPath(org.id, created.id)}/${kid}${query}`, { method: "DELETE", headers: BOOTSTRAP });

    const active = await del(activeKid, "?force=true");
    expect(active.status).toBe(409);
    expect(await errorCode(active)).toBe("key_in_use");
    const { kid: nextKid } = (await (await api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP })).json()) as { kid: string };
    const next = await del(nextKid, "?force=true");
    expect(await errorCode(next)).toBe("key_in_use");

    expect((await api(`${keysPath(org.id, created.id)}/${nextKid}/activate?force=true`, { method: "POST", headers: BOOTSTRAP })).status).toBe(200);
    const fresh = await del(activeKid);
    expect(fresh.status).toBe(409);
    expect(await errorCode(fresh)).toBe("key_still_in_grace");
    expect((await fetchJwks(org.id, created.id)).keys).toHaveLength(2);
    expect((await del(activeKid, "?force=true")).status).toBe(204);
    expect((await fetchJwks(org.id, created.id)).keys.map((k) => k.kid)).toEqual([nextKid]);

    const missing = await del("no-such-kid");
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe("key_not_found");
  });

  it("one rotation at a time (key_rotation_in_progress), and a bounded number of keys (key_limit_reached)", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const add = () => api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP });
    const first = (await (await add()).json()) as { kid: string };
    const second = await add();
    expect(second.status).toBe(409);
    expect(await errorCode(second)).toBe("key_rotation_in_progress");

    let next = first.kid;
    for (let i = 0; i < 3; i++) {
      expect((await api(`${keysPath(org.id, created.id)}/${next}/activate?force=true`, { method: "POST", headers: BOOTSTRAP })).status).toBe(200);
      next = ((await (await add()).json()) as { kid: string }).kid;
    }
    expect((await storedApiService(org.id, created.id)).keys).toHaveLength(5);
    expect((await api(`${keysPath(org.id, created.id)}/${next}/activate?force=true`, { method: "POST", headers: BOOTSTRAP })).status).toBe(200);
    const full = await add();
    expect(full.status).toBe(409);
    expect(await errorCode(full)).toBe("key_limit_reached");
  });

  it("a retired key can be activated again (rollback); activating the active key changes nothing", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const oldKid = created.keys![0]!.kid;
    const { kid: newKid } = (await (await api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP })).json()) as { kid: string };
    await api(`${keysPath(org.id, created.id)}/${newKid}/activate?force=true`, { method: "POST", headers: BOOTSTRAP });
    await backdate(org.id, created.id, oldKid, "createdAt"); // published for longer than the grace period
    const rollback = await api(`${keysPath(org.id, created.id)}/${oldKid}/activate`, { method: "POST", headers: BOOTSTRAP });
    expect(rollback.status).toBe(200);
    const stored = await storedApiService(org.id, created.id);
    expect(stored.keys.map((k) => [k.kid, k.status])).toEqual([
      [oldKid, "active"],
      [newKid, "retired"],
    ]);
    expect(stored.keys[0]!.retiredAt).toBeUndefined();
    const same = await api(`${keysPath(org.id, created.id)}/${oldKid}/activate`, { method: "POST", headers: BOOTSTRAP });
    expect(same.status).toBe(200);
    expect(await storedApiService(org.id, created.id)).toEqual(stored);
  });

  it("an API token credential has no keys to rotate", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com", token: `00${"a".repeat(40)}` });
    const response = await api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("invalid_request");
  });
});

describe("ENCRYPTION_KEYS rotation: re-sealing what an older key sealed", () => {
  /** Re-seals every secret of a record with v1 only, as if it had been written before v2 was configured. */
  async function sealWithV1(orgId: string, id: string): Promise<ApiServiceCredential> {
    const stored = await storedApiService(orgId, id);
    const [ring, v1] = [workerKeyRing(), v1OnlyKeyRing()];
    const again = async (sealed: ApiServiceCredential["dpopKey"]["privateKey"], aad: string) =>
      seal(await open(sealed, aad, ring, stored.orgUrl), aad, v1, stored.orgUrl);
    const old: ApiServiceCredential = {
      ...stored,
      keys: await Promise.all(stored.keys.map(async (key) => ({ ...key, privateKey: await again(key.privateKey, credentialAad.privateKey(stored, key.kid)) }))),
      dpopKey: { ...stored.dpopKey, privateKey: await again(stored.dpopKey.privateKey, credentialAad.dpopKey(stored)) },
    };
    await writeRecord(old);
    return old;
  }
  const versions = async (orgId: string, id: string) => [...(await rawRecord(orgId, id)).matchAll(/"v":(\d+)/g)].map((m) => Number(m[1]));

  it("POST /api/credentials/reseal (bootstrap) moves every v1 value to v2; the credential still signs", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    const apiKey = await createCredential(org.id, { type: "okta_api_key", nickname: "SSWS", orgUrl: "https://acme.okta.com", token: `00${"b".repeat(40)}` });
    await sealWithV1(org.id, created.id);
    expect(await versions(org.id, created.id)).toEqual([1, 1]);
    const response = await api("/api/credentials/reseal", { method: "POST", headers: BOOTSTRAP });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { sealVersion: number; resealed: number; unchanged: number };
    expect(body.sealVersion).toBe(2);
    expect(body.resealed).toBeGreaterThanOrEqual(1);
    expect(body.unchanged).toBeGreaterThanOrEqual(1);
    expect(await versions(org.id, created.id)).toEqual([2, 2]);
    expect(await versions(org.id, apiKey.id)).toEqual([2]);
    const jwt = await assertion(org.id, created.id);
    expect(await verifies(jwt.jwt, await fetchJwks(org.id, created.id))).toBe(true);
  });

  it("any write of a credential (a key rotation step) re-seals its secrets lazily", async () => {
    const org = await createOrg();
    const created = await createCredential(org.id, apiServiceBody({ alg: "ES256" }));
    await sealWithV1(org.id, created.id);
    expect((await api(keysPath(org.id, created.id), { method: "POST", headers: BOOTSTRAP })).status).toBe(201);
    expect(await versions(org.id, created.id)).toEqual([2, 2, 2]);
  });
});
