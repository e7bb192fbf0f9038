import { z } from "zod";
import { SealedSchema } from "../../../shared/credentials";
import { type Rule, RulesSchema } from "../../../shared/persona-rules";
import { type KeyRing, open, reseal, seal } from "../crypto/secret-box";
import { type ResealCount, resealAll } from "./reseal-all";

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
export function resealAllWebhookSecrets(kv: KVNamespace, keys: KeyRing): Promise<ResealCount> {
  type Record = { orgId: string; stored: z.infer<typeof StoredWebhookSchema> };
  return resealAll<Record>(kv, "persona-webhook:", {
    read: async (name) => ({ orgId: name.slice("persona-webhook:".length), stored: StoredWebhookSchema.parse(await kv.get(name, "json")) }),
    reseal: async ({ orgId, stored }) => {
      const secrets = await Promise.all(stored.secrets.map((sealed, index) => reseal(sealed, secretAad(orgId, index), keys)));
      return secrets.every((sealed, index) => sealed === stored.secrets[index]) ? null : { orgId, stored: { ...stored, secrets } };
    },
    write: ({ orgId, stored }) => kv.put(webhookKey(orgId), JSON.stringify(stored)),
  });
}
