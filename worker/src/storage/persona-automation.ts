import { z } from "zod";
import { SealedSchema } from "../../../shared/credentials";
import { type Rule, RulesSchema } from "../../../shared/persona-rules";
import { type KeyRing, open, reseal, seal } from "../crypto/secret-box";

/** Rules are configuration: KV, read on every webhook, changed rarely. */
const rulesKey = (orgId: string) => `persona-rules:${orgId}`;
const webhookKey = (orgId: string) => `persona-webhook:${orgId}`;
const secretAad = (orgId: string, index: number) => `persona-webhook:${orgId}:secret:${index}`;

export async function getRules(kv: KVNamespace, orgId: string): Promise<Rule[]> {
  const raw = await kv.get(rulesKey(orgId), "json");
  return raw === null ? [] : RulesSchema.parse(raw);
}

export async function putRules(kv: KVNamespace, orgId: string, rules: Rule[]): Promise<void> {
  await kv.put(rulesKey(orgId), JSON.stringify(RulesSchema.parse(rules)));
}

const StoredWebhookSchema = z.object({ secrets: z.array(SealedSchema).min(1).max(2), updatedAt: z.iso.datetime() });

/** Seals the webhook secret(s); each is bound to its slot by the AAD. */
export async function putWebhookSecrets(kv: KVNamespace, orgId: string, secrets: string[], keys: KeyRing, nowMs: number): Promise<void> {
  const sealed = await Promise.all(secrets.map((secret, index) => seal(secret, secretAad(orgId, index), keys)));
  await kv.put(webhookKey(orgId), JSON.stringify({ secrets: sealed, updatedAt: new Date(nowMs).toISOString() }));
}

/** The organization's webhook secrets in the clear (for verification only), or null when none are set. */
export async function getWebhookSecrets(kv: KVNamespace, orgId: string, keys: KeyRing): Promise<string[] | null> {
  const raw = await kv.get(webhookKey(orgId), "json");
  if (raw === null) return null;
  const stored = StoredWebhookSchema.parse(raw);
  return Promise.all(stored.secrets.map((sealed, index) => open(sealed, secretAad(orgId, index), keys)));
}

export async function webhookSecretCount(kv: KVNamespace, orgId: string): Promise<number> {
  const raw = await kv.get(webhookKey(orgId), "json");
  return raw === null ? 0 : StoredWebhookSchema.parse(raw).secrets.length;
}

/** Step 2 of an ENCRYPTION_KEYS rotation for webhook secrets: re-seals every organization's under the newest key. */
export async function resealAllWebhookSecrets(kv: KVNamespace, keys: KeyRing): Promise<{ resealed: number; unchanged: number }> {
  let resealed = 0;
  let unchanged = 0;
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: "persona-webhook:", ...(cursor ? { cursor } : {}) });
    for (const entry of page.keys) {
      const orgId = entry.name.slice("persona-webhook:".length);
      const stored = StoredWebhookSchema.parse(await kv.get(entry.name, "json"));
      const secrets = await Promise.all(stored.secrets.map((sealed, index) => reseal(sealed, secretAad(orgId, index), keys)));
      if (secrets.every((sealed, index) => sealed === stored.secrets[index])) {
        unchanged++;
        continue;
      }
      await kv.put(entry.name, JSON.stringify({ ...stored, secrets }));
      resealed++;
    }
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return { resealed, unchanged };
}
