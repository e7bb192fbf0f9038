import type { StoredCredential } from "../../../shared/credentials";
import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import { resealAllCredentials } from "../storage/credentials";
import { oktaHookSecrets } from "../storage/okta-event-hook";
import { resealAllPersona } from "../storage/persona";
import { personaWebhookSecrets } from "../storage/persona-automation";

/**
 * Step 2 of an ENCRYPTION_KEYS rotation (crypto/secret-box.ts): re-seals every stored credential, Persona API key
 * and webhook or event hook secret of every organization under the newest key. Each organization's gate gets its re-sealed
 * records at once (it would otherwise keep the old seal until it restarts).
 */
export async function resealEverything(env: AppEnv, nowMs: number): Promise<{ sealVersion: number; resealed: number; unchanged: number }> {
  const keys = requireKeyRing(env.ENCRYPTION_KEYS);
  const kv = env.CONFIG;
  const resealed = async (credential: StoredCredential) => {
    unwrap(await gateOf(env, credential.orgId).credentialChanged(credential.orgId, credential.id, credential, nowMs));
  };
  const results = [
    await resealAllCredentials(kv, keys, resealed),
    await resealAllPersona(kv, keys),
    await personaWebhookSecrets.resealAll(kv, keys),
    await oktaHookSecrets.resealAll(kv, keys),
  ];
  return {
    sealVersion: keys.sealVersion,
    resealed: results.reduce((sum, result) => sum + result.resealed, 0),
    unchanged: results.reduce((sum, result) => sum + result.unchanged, 0),
  };
}
