import { type VerificationPolicy, VerificationPolicySchema } from "../../../shared/verification";

/**
 * The verified-recovery policy of an organization in KV, one record at `verification:{org}` (configuration: read
 * mostly, written by admins). It holds no secret. Validated on every read: a record that no longer parses is
 * treated as absent rather than half-trusted.
 */

const key = (orgId: string) => `verification:${orgId}`;

export async function getVerificationPolicy(kv: KVNamespace, orgId: string): Promise<VerificationPolicy | null> {
  const raw = await kv.get(key(orgId), "json");
  if (raw === null) return null;
  const parsed = VerificationPolicySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function putVerificationPolicy(kv: KVNamespace, orgId: string, policy: VerificationPolicy): Promise<void> {
  await kv.put(key(orgId), JSON.stringify(VerificationPolicySchema.parse(policy)));
}

export async function deleteVerificationPolicy(kv: KVNamespace, orgId: string): Promise<void> {
  await kv.delete(key(orgId));
}
