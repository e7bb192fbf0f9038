import { type Rule, RulesSchema } from "../../../shared/persona-rules";
import { sealedSecrets } from "./sealed-secrets";

/** Rules are configuration: KV, read on every webhook, changed rarely. */
const rulesKey = (orgId: string) => `persona-rules:${orgId}`;

export async function getRules(kv: KVNamespace, orgId: string): Promise<Rule[]> {
  const raw = await kv.get(rulesKey(orgId), "json");
  return raw === null ? [] : RulesSchema.parse(raw);
}

export async function putRules(kv: KVNamespace, orgId: string, rules: Rule[]): Promise<void> {
  await kv.put(rulesKey(orgId), JSON.stringify(RulesSchema.parse(rules)));
}

/** Persona's webhook secret(s), sealed at `persona-webhook:{org}`. */
export const personaWebhookSecrets = sealedSecrets("persona-webhook");
