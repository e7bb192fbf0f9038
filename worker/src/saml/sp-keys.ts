import { base64url } from "jose";
import { AppError } from "../../../shared/errors";
import { KeyCache } from "../crypto/key-cache";
import { type KeyRing, open, requireKeyRing, seal } from "../crypto/secret-box";
import { readSpKeys, type SpKeyPurpose, type StoredSpKey, type StoredSpKeys, spKeyAad, writeSpKeys } from "../storage/sp-keys";
import { selfSignedCertificate } from "./sp-certificate";

/**
 * The organization's two SP key pairs (docs/saml-checks.md, "SP keys"): RSA 2048 made with WebCrypto, one that signs
 * (AuthnRequests, logout messages) and one IdPs encrypt assertions to, each published in the SP metadata as a
 * self-signed certificate. Made lazily, both at once, by the first caller that needs one (metadata fetch, login,
 * ACS); private keys are sealed at rest with ENCRYPTION_KEYS and exist in the clear only inside WebCrypto, imported
 * non-extractable (as in okta/signing-keys.ts).
 */

export type SpKeyEnv = { CONFIG: KVNamespace; ENCRYPTION_KEYS?: KeyRing | undefined };

export type SpSigningKey = {
  /** RSASSA-PKCS1-v1_5 with SHA-256 (`http://www.w3.org/2001/04/xmldsig-more#rsa-sha256`). */
  privateKey: CryptoKey;
  certificateBase64: string;
};

export type OaepHash = "SHA-1" | "SHA-256";

export type SpEncryptionKey = {
  certificateBase64: string;
  /** The RSA-OAEP private key for the OAEP digest an EncryptedKey names (MGF1 uses the same digest). */
  decryptionKey(hash: OaepHash): Promise<CryptoKey>;
};

/** Ten years: the certificate only carries the key; rotating it means re-pasting it into Okta. */
const CERTIFICATE_LIFETIME_MS = 10 * 365 * 86_400_000;
const RSA = { modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };

/** The signing key and its certificate (created with the encryption key on first use). */
export async function spSigningKey(env: SpKeyEnv, orgId: string, nowMs: number): Promise<SpSigningKey> {
  const keys = requireKeyRing(env.ENCRYPTION_KEYS);
  const stored = (await spKeyRecord(env, orgId, nowMs)).signing;
  const privateKey = await keyCache.get(`${orgId}:signing:${stored.certificate.slice(-32)}`, () =>
    importPrivate(stored, orgId, "signing", keys, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, ["sign"]),
  );
  return { privateKey, certificateBase64: stored.certificate };
}

/** The encryption key and its certificate (created with the signing key on first use). */
export async function spEncryptionKey(env: SpKeyEnv, orgId: string, nowMs: number): Promise<SpEncryptionKey> {
  const keys = requireKeyRing(env.ENCRYPTION_KEYS);
  const stored = (await spKeyRecord(env, orgId, nowMs)).encryption;
  return {
    certificateBase64: stored.certificate,
    decryptionKey: (hash) =>
      keyCache.get(`${orgId}:encryption:${hash}:${stored.certificate.slice(-32)}`, () =>
        importPrivate(stored, orgId, "encryption", keys, { name: "RSA-OAEP", hash }, ["decrypt"]),
      ),
  };
}

/** Both certificates (base64 DER) for the SP metadata, or null when the deployment cannot seal keys (no ENCRYPTION_KEYS). */
export async function spCertificates(env: SpKeyEnv, orgId: string, nowMs: number): Promise<{ signing: string; encryption: string } | null> {
  if (!env.ENCRYPTION_KEYS) return null;
  const record = await spKeyRecord(env, orgId, nowMs);
  return { signing: record.signing.certificate, encryption: record.encryption.certificate };
}

/**
 * The stored record, made on first use. KV has no compare-and-set: two first requests racing in different
 * locations can each write a pair, and the later write wins. The record is read back after writing so this
 * isolate uses what KV keeps; docs/saml-checks.md tells the admin to copy the certificates after the first fetch.
 */
async function spKeyRecord(env: SpKeyEnv, orgId: string, nowMs: number): Promise<StoredSpKeys> {
  const existing = await readSpKeys(env.CONFIG, orgId);
  if (existing) return existing;
  const keys = requireKeyRing(env.ENCRYPTION_KEYS);
  const [signing, encryption] = await Promise.all([newKey(orgId, "signing", keys, nowMs), newKey(orgId, "encryption", keys, nowMs)]);
  await writeSpKeys(env.CONFIG, orgId, { signing, encryption });
  return (await readSpKeys(env.CONFIG, orgId)) ?? { signing, encryption };
}

async function newKey(orgId: string, purpose: SpKeyPurpose, keys: KeyRing, nowMs: number): Promise<StoredSpKey> {
  const pair = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", ...RSA }, true, ["sign", "verify"])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  const notAfter = new Date(nowMs + CERTIFICATE_LIFETIME_MS);
  // The certificate is self-signed by the key it carries; an RSA key pair is the same for signing and OAEP, so the
  // encryption key signs its own certificate too and is then only ever imported for RSA-OAEP.
  const certificate = await selfSignedCertificate({
    publicKey: pair.publicKey,
    signingKey: pair.privateKey,
    commonName: `${orgId} SAML SP ${purpose}`,
    notBefore: new Date(nowMs - 60_000),
    notAfter,
  });
  return {
    privateKey: await seal(base64url.encode(pkcs8), spKeyAad(orgId, purpose), keys),
    certificate,
    notAfter: notAfter.toISOString(),
    createdAt: new Date(nowMs).toISOString(),
  };
}

async function importPrivate(
  stored: StoredSpKey,
  orgId: string,
  purpose: SpKeyPurpose,
  keys: KeyRing,
  algorithm: RsaHashedImportParams,
  usages: KeyUsage[],
): Promise<CryptoKey> {
  const pkcs8 = new Uint8Array(base64url.decode(await open(stored.privateKey, spKeyAad(orgId, purpose), keys)));
  try {
    return await crypto.subtle.importKey("pkcs8", pkcs8, algorithm, false, usages);
  } catch {
    throw new AppError("decryption_failed", "the stored SP key could not be imported");
  }
}

/** Per isolate (crypto/key-cache.ts); the cache key includes the certificate so a new pair is not shadowed. */
const keyCache = new KeyCache(256);
