import type { StoredPersona } from "../../../shared/persona";
import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { getPersona, openPersonaKey } from "../storage/persona";
import type { PersonaAmbient, PersonaConnection } from "./client";

/** The organization's Persona record and a usable connection (key opened), or null when it has none. */
export async function openPersona(env: AppEnv, orgId: string): Promise<{ record: StoredPersona; connection: PersonaConnection } | null> {
  const record = await getPersona(env.CONFIG, orgId);
  if (!record) return null;
  const apiKey = await openPersonaKey(record, requireKeyRing(env.ENCRYPTION_KEYS));
  return { record, connection: { orgId, baseUrl: record.baseUrl, apiKey, environment: record.environment } };
}

/** The real fetch and clock; one attempt is bounded by PERSONA_ATTEMPT_TIMEOUT_MS (default: the Okta one). */
export function personaAmbient(env: AppEnv): PersonaAmbient {
  return { fetch: (...args) => fetch(...args), nowMs: Date.now, attemptTimeoutMs: env.PERSONA_ATTEMPT_TIMEOUT_MS ?? env.OKTA_ATTEMPT_TIMEOUT_MS };
}
