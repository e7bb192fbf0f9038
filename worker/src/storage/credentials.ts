import { type CredentialView, type Sealed, type StoredCredential, StoredCredentialSchema } from "../../../shared/credentials";
import { CredentialIdSchema } from "../../../shared/ids";
import { adminConsoleHostOf } from "../../../shared/okta-servers";
import { type KeyRing, reseal } from "../crypto/secret-box";
import { listKeyNames, type ResealCount, resealAll } from "./reseal-all";

/**
 * Okta credentials in KV, one record per credential at `cred:{org}:{id}`, listed by the prefix `cred:{org}:`
 * (org IDs and credential IDs contain no `:`, so one org's prefix never matches another's). Records are validated
 * on every read; secrets inside are sealed (crypto/secret-box.ts) with an AAD naming the record and field.
 *
 * KV is eventually consistent: a new or deleted credential can take up to a minute to show in another location's
 * list, and two admins rotating the same credential at the same moment can overwrite each other (last write wins).
 */

/**
 * What names a credential's record (the AAD of its sealed fields, the cache keys of its imported keys) and where its
 * secrets may go: every secret of a credential is sealed for its `orgUrl` (crypto/secret-box.ts, destinations).
 */
export type CredentialRef = { orgId: string; id: string; orgUrl: string };

/**
 * The AAD of each sealed field: a sealed value opens only in the record and field it was sealed for (and, being
 * bound to the credential's `orgUrl`, only for that Okta org).
 */
export const credentialAad = {
  token: (ref: CredentialRef) => `cred:${ref.orgId}:${ref.id}:token`,
  privateKey: (ref: CredentialRef, kid: string) => `cred:${ref.orgId}:${ref.id}:key:${kid}`,
  dpopKey: (ref: CredentialRef) => `cred:${ref.orgId}:${ref.id}:dpop`,
};

/** How many credentials one organization may hold (a list reads every record). */
export const MAX_CREDENTIALS_PER_ORG = 20;

const PREFIX = "cred:";
const key = (orgId: string, id: string) => `${PREFIX}${orgId}:${id}`;

export function newCredentialId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `cred_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The credential, or null when absent (a malformed ID cannot exist). A corrupt record is an error, not "absent". */
export async function getCredential(kv: KVNamespace, orgId: string, id: string): Promise<StoredCredential | null> {
  if (!CredentialIdSchema.safeParse(id).success) return null;
  return readRecord(kv, key(orgId, id), { orgId, id });
}

/** Every credential of an organization, oldest first. */
export async function listCredentials(kv: KVNamespace, orgId: string): Promise<StoredCredential[]> {
  const names = await listKeyNames(kv, `${PREFIX}${orgId}:`);
  const records = await Promise.all(names.map((name) => readRecord(kv, name, { orgId, id: name.slice(`${PREFIX}${orgId}:`.length) })));
  return records.filter((record) => record !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export async function putCredential(kv: KVNamespace, credential: StoredCredential): Promise<void> {
  await kv.put(key(credential.orgId, credential.id), JSON.stringify(StoredCredentialSchema.parse(credential)));
}

export async function deleteCredential(kv: KVNamespace, ref: Pick<CredentialRef, "orgId" | "id">): Promise<void> {
  await kv.delete(key(ref.orgId, ref.id));
}

/**
 * Re-seals every secret of a credential that is not under the newest encryption key (ENCRYPTION_KEYS rotation,
 * crypto/secret-box.ts). `changed` says whether anything was re-sealed, i.e. whether the record needs writing.
 */
export async function resealCredential(credential: StoredCredential, keys: KeyRing): Promise<{ credential: StoredCredential; changed: boolean }> {
  let changed = false;
  const again = async (sealed: Sealed, aad: string) => {
    const next = await reseal(sealed, aad, keys, credential.orgUrl);
    if (next !== sealed) changed = true;
    return next;
  };
  if (credential.type === "okta_api_key") {
    const token = await again(credential.token, credentialAad.token(credential));
    return { credential: { ...credential, token }, changed };
  }
  const keysOut = [];
  for (const stored of credential.keys)
    keysOut.push({ ...stored, privateKey: await again(stored.privateKey, credentialAad.privateKey(credential, stored.kid)) });
  const dpopKey = { ...credential.dpopKey, privateKey: await again(credential.dpopKey.privateKey, credentialAad.dpopKey(credential)) };
  return { credential: { ...credential, keys: keysOut, dpopKey }, changed };
}

/** Re-seals every stored credential of every organization; returns how many records it rewrote. */
export function resealAllCredentials(kv: KVNamespace, keys: KeyRing, onResealed: (credential: StoredCredential) => Promise<void>): Promise<ResealCount> {
  return resealAll(kv, PREFIX, {
    read: (name) => {
      const [, orgId = "", id = ""] = name.split(":");
      return readRecord(kv, name, { orgId, id });
    },
    reseal: async (record) => {
      const result = await resealCredential(record, keys);
      return result.changed ? result.credential : null;
    },
    write: (record) => putCredential(kv, record),
    resealed: onResealed,
  });
}

/** The public JWKS URL of an API Service credential, on the worker's own origin. */
export function jwksUrl(baseUrl: string, ref: Pick<CredentialRef, "orgId" | "id">): string {
  return `${baseUrl}/${ref.orgId}/credentials/${ref.id}/jwks.json`;
}

/** The admin console the credential is for (records made before the field existed derive it from the org URL). */
export function adminConsoleHostFor(stored: StoredCredential): string | null {
  return stored.adminConsoleHost ?? adminConsoleHostOf(stored.orgUrl);
}

/** What the API answers about a credential: built field by field, so no secret (sealed or not) can slip in. */
export function toCredentialView(stored: StoredCredential, baseUrl: string): CredentialView {
  const common = {
    id: stored.id,
    type: stored.type,
    nickname: stored.nickname,
    orgUrl: stored.orgUrl,
    adminConsoleHost: adminConsoleHostFor(stored),
    createdAt: stored.createdAt,
  };
  if (stored.type === "okta_api_key") return common;
  return {
    ...common,
    clientId: stored.clientId,
    jwksUrl: jwksUrl(baseUrl, stored),
    keys: stored.keys.map((k) => ({ kid: k.kid, alg: k.alg, status: k.status, createdAt: k.createdAt, ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}) })),
  };
}

async function readRecord(kv: KVNamespace, name: string, expected: Pick<CredentialRef, "orgId" | "id">): Promise<StoredCredential | null> {
  const raw = await kv.get(name, "json");
  if (raw === null) return null;
  const record = StoredCredentialSchema.parse(raw);
  // The key names the tenant: a record whose body claims another org or ID was not written by putCredential.
  if (record.orgId !== expected.orgId || record.id !== expected.id) throw new Error(`credential record ${name} does not match its key`);
  return record;
}
