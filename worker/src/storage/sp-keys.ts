import { z } from "zod";
import { SealedSchema } from "../../../shared/credentials";

/** Which SP key: the one that signs (AuthnRequests, logout messages) or the one IdPs encrypt assertions to. */
export type SpKeyPurpose = "signing" | "encryption";

const StoredSpKeySchema = z.object({
  /** PKCS#8 of the RSA private key, sealed under {@link spKeyAad}. */
  privateKey: SealedSchema,
  /** Base64 DER of the self-signed certificate published in the SP metadata. */
  certificate: z.string().min(1),
  notAfter: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type StoredSpKey = z.infer<typeof StoredSpKeySchema>;

const StoredSpKeysSchema = z.object({ signing: StoredSpKeySchema, encryption: StoredSpKeySchema });
export type StoredSpKeys = z.infer<typeof StoredSpKeysSchema>;

const kvKey = (orgId: string) => `sp-keys:${orgId}`;

/** The AAD a private key is sealed under: a sealed key copied to another organization or purpose does not open. */
export const spKeyAad = (orgId: string, purpose: SpKeyPurpose) => `sp-keys:${orgId}:${purpose}`;

/** The organization's SP key pair record in KV (`sp-keys:{org}`), or null before the first one was made. */
export async function readSpKeys(kv: KVNamespace, orgId: string): Promise<StoredSpKeys | null> {
  const raw = await kv.get(kvKey(orgId), "json");
  return raw === null ? null : StoredSpKeysSchema.parse(raw);
}

export async function writeSpKeys(kv: KVNamespace, orgId: string, keys: StoredSpKeys): Promise<void> {
  await kv.put(kvKey(orgId), JSON.stringify(StoredSpKeysSchema.parse(keys)));
}
