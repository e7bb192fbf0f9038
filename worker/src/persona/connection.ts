import type { StoredPersona } from "../../../shared/persona";
import type { KeyRing } from "../crypto/secret-box";
import { openPersonaKey } from "../storage/persona";
import type { PersonaConnection } from "./client";

/** The organization's Persona record with a usable connection (its key opened, in memory only). */
export type OpenedPersona = { record: StoredPersona; connection: PersonaConnection };

/** Opens the record's API key (bound to its organization and base URL) into a connection. */
export async function openPersona(record: StoredPersona, keys: KeyRing): Promise<OpenedPersona> {
  const apiKey = await openPersonaKey(record, keys);
  return { record, connection: { orgId: record.orgId, baseUrl: record.baseUrl, apiKey, environment: record.environment } };
}
