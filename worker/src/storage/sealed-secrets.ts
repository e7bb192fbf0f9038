import { z } from "zod";
import { SealedSchema } from "../../../shared/credentials";
import { type KeyRing, open, reseal, seal } from "../crypto/secret-box";
import { type ResealCount, resealAll } from "./reseal-all";

const StoredSecretsSchema = z.object({ secrets: z.array(SealedSchema).min(1).max(2), updatedAt: z.iso.datetime() });
type StoredSecrets = z.infer<typeof StoredSecretsSchema>;

/**
 * One or two shared secrets of an organization for an inbound hook (Persona's webhook signature, Okta's event hook
 * header), sealed in KV at `<prefix>:{org}`, two during a rotation. Each is bound to its slot and organization by
 * the AAD, so a sealed value copied to another slot or organization does not open.
 */
export type SealedSecrets = ReturnType<typeof sealedSecrets>;

export function sealedSecrets(prefix: string) {
  const key = (orgId: string) => `${prefix}:${orgId}`;
  const aad = (orgId: string, index: number) => `${prefix}:${orgId}:secret:${index}`;
  const read = async (kv: KVNamespace, orgId: string): Promise<StoredSecrets | null> => {
    const raw = await kv.get(key(orgId), "json");
    return raw === null ? null : StoredSecretsSchema.parse(raw);
  };
  return {
    async put(kv: KVNamespace, orgId: string, secrets: string[], keys: KeyRing, nowMs: number): Promise<void> {
      const sealed = await Promise.all(secrets.map((secret, index) => seal(secret, aad(orgId, index), keys)));
      await kv.put(key(orgId), JSON.stringify({ secrets: sealed, updatedAt: new Date(nowMs).toISOString() }));
    },
    /** The secrets in the clear (for verification only), or null when none are set. */
    async get(kv: KVNamespace, orgId: string, keys: KeyRing): Promise<string[] | null> {
      const stored = await read(kv, orgId);
      return stored ? Promise.all(stored.secrets.map((sealed, index) => open(sealed, aad(orgId, index), keys))) : null;
    },
    async count(kv: KVNamespace, orgId: string): Promise<number> {
      return (await read(kv, orgId))?.secrets.length ?? 0;
    },
    /** Step 2 of an ENCRYPTION_KEYS rotation: re-seals every organization's secrets under the newest key. */
    resealAll(kv: KVNamespace, keys: KeyRing): Promise<ResealCount> {
      type Record = { orgId: string; stored: StoredSecrets };
      return resealAll<Record>(kv, `${prefix}:`, {
        read: async (name) => ({ orgId: name.slice(prefix.length + 1), stored: StoredSecretsSchema.parse(await kv.get(name, "json")) }),
        reseal: async ({ orgId, stored }) => {
          const secrets = await Promise.all(stored.secrets.map((sealed, index) => reseal(sealed, aad(orgId, index), keys)));
          return secrets.every((sealed, index) => sealed === stored.secrets[index]) ? null : { orgId, stored: { ...stored, secrets } };
        },
        write: ({ orgId, stored }) => kv.put(key(orgId), JSON.stringify(stored)),
      });
    },
  };
}
