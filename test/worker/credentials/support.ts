import { env } from "cloudflare:test";
import {
  type ApiServiceCredential,
  type CredentialView,
  type OktaSetup,
  type PublicJwk,
  type StoredCredential,
  StoredCredentialSchema,
} from "../../../shared/credentials";
import { EncryptionKeysSchema, type KeyRing } from "../../../worker/src/crypto/secret-box";
import { api, BOOTSTRAP } from "../support/api";

/** The key ring the worker runs with in tests (vitest.config.ts: v1 and v2, v2 seals). */
export function workerKeyRing(): KeyRing {
  return EncryptionKeysSchema.parse(env.ENCRYPTION_KEYS);
}

/** Only the first version of the worker's keys: what a deployment looked like before `v2` was added. */
export function v1OnlyKeyRing(): KeyRing {
  return EncryptionKeysSchema.parse(env.ENCRYPTION_KEYS!.split(",")[0]);
}

export type Created = CredentialView & { oktaSetup: OktaSetup; id: string };

let counter = 0;
/** A client ID in Okta's shape, unique per call. */
export const clientId = () => `0oa${Date.now().toString(36)}${(counter++).toString(36)}x7`;

/** An Okta API token in its usual shape (the value a leak test looks for). */
export const ssws = () => `00${crypto.randomUUID().replaceAll("-", "")}SSWS`;

export async function createCredential(orgId: string, body: Record<string, unknown>, headers: Record<string, string> = BOOTSTRAP): Promise<Created> {
  const response = await api(`/api/orgs/${orgId}/credentials`, { method: "POST", headers, json: body });
  if (response.status !== 201) throw new Error(`createCredential: ${response.status} ${await response.text()}`);
  return (await response.json()) as Created;
}

export const apiServiceBody = (extra: Record<string, unknown> = {}) => ({
  type: "okta_api_service",
  nickname: "Okta prod",
  orgUrl: "https://acme.okta.com",
  clientId: clientId(),
  ...extra,
});

/** The record exactly as KV holds it (text), to look for what must not be there. */
export async function rawRecord(orgId: string, id: string): Promise<string> {
  const raw = await env.CONFIG.get(`cred:${orgId}:${id}`);
  if (raw === null) throw new Error(`no record cred:${orgId}:${id}`);
  return raw;
}

export async function storedRecord(orgId: string, id: string): Promise<StoredCredential> {
  return StoredCredentialSchema.parse(JSON.parse(await rawRecord(orgId, id)));
}

export async function storedApiService(orgId: string, id: string): Promise<ApiServiceCredential> {
  const record = await storedRecord(orgId, id);
  if (record.type !== "okta_api_service") throw new Error("not an API Service credential");
  return record;
}

/** Writes a record behind the worker's back (an attacker with KV access, or a backdated test fixture). */
export async function writeRecord(record: StoredCredential): Promise<void> {
  await env.CONFIG.put(`cred:${record.orgId}:${record.id}`, JSON.stringify(record));
}

export async function fetchJwks(orgId: string, id: string): Promise<{ keys: PublicJwk[] }> {
  const response = await api(`/${orgId}/credentials/${id}/jwks.json`);
  if (response.status !== 200) throw new Error(`jwks: ${response.status} ${await response.text()}`);
  return (await response.json()) as { keys: PublicJwk[] };
}

/** Members of a JWK that only a private key has (RFC 7518 §6.2.2, §6.3.2). */
export const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
