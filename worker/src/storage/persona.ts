import { type PersonaView, type StoredPersona, StoredPersonaSchema } from "../../../shared/persona";
import { type KeyRing, open, reseal } from "../crypto/secret-box";
import { type ResealCount, resealAll } from "./reseal-all";

/**
 * The Persona connection of an organization in KV, one record at `persona:{org}`: base URL, environment,
 * settings, and the API key sealed (crypto/secret-box.ts) with the AAD `persona:{org}:apiKey`, so the ciphertext
 * opens only in this organization's record. Validated on every read. KV is eventually consistent: a new key can
 * take up to a minute to be used in every location.
 */

const PREFIX = "persona:";
const key = (orgId: string) => `${PREFIX}${orgId}`;

/**
 * The AAD of the sealed key: it opens only as this organization's Persona key, and, being sealed for the record's
 * `baseUrl` (crypto/secret-box.ts, destinations), only for that Persona host.
 */
export const personaKeyAad = (orgId: string) => `persona:${orgId}:apiKey`;

export async function getPersona(kv: KVNamespace, orgId: string): Promise<StoredPersona | null> {
  return readRecord(kv, key(orgId), orgId);
}

export async function putPersona(kv: KVNamespace, record: StoredPersona): Promise<void> {
  await kv.put(key(record.orgId), JSON.stringify(StoredPersonaSchema.parse(record)));
}

export async function deletePersona(kv: KVNamespace, orgId: string): Promise<void> {
  await kv.delete(key(orgId));
}

/** The API key in clear, for a request to Persona and nothing else. */
export function openPersonaKey(record: StoredPersona, keys: KeyRing): Promise<string> {
  return open(record.apiKey, personaKeyAad(record.orgId), keys, record.baseUrl);
}

/** Re-seals every organization's Persona key under the newest key (ENCRYPTION_KEYS rotation, step 2). */
export function resealAllPersona(kv: KVNamespace, keys: KeyRing): Promise<ResealCount> {
  return resealAll(kv, PREFIX, {
    // Not a connection record unless the rest is an org ID (org IDs have no ':').
    read: (name) => (name.slice(PREFIX.length).includes(":") ? Promise.resolve(null) : readRecord(kv, name, name.slice(PREFIX.length))),
    reseal: async (record) => {
      const apiKey = await reseal(record.apiKey, personaKeyAad(record.orgId), keys, record.baseUrl);
      return apiKey === record.apiKey ? null : { ...record, apiKey };
    },
    write: (record) => putPersona(kv, record),
  });
}

/** What the API answers: built field by field, so the key (sealed or not) cannot slip in. */
export function toPersonaView(record: StoredPersona | null): PersonaView {
  if (!record) return { configured: false };
  return {
    configured: true,
    environment: record.environment,
    baseUrl: record.baseUrl,
    settings: record.settings,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

async function readRecord(kv: KVNamespace, name: string, orgId: string): Promise<StoredPersona | null> {
  const raw = await kv.get(name, "json");
  if (raw === null) return null;
  const record = StoredPersonaSchema.parse(raw);
  // The key names the tenant: a record claiming another organization was not written by putPersona.
  if (record.orgId !== orgId) throw new Error(`persona record ${name} does not match its key`);
  return record;
}
