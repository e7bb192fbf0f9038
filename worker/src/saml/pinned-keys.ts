import { X509Certificate, type KeyObject } from "node:crypto";

export type PinnedKey = { key: KeyObject; keyType: "rsa" | "ec"; fingerprintSha256: string };

/** Parsing a certificate costs more than verifying a signature with it: keep each one's key once per isolate. */
const cache = new Map<string, PinnedKey>();
const CACHE_LIMIT = 64;

/**
 * The verification keys for an organization: the signing certificates pinned from its IdP metadata
 * (base64 DER). These are the only keys a SAML signature is ever checked with; a certificate inside the
 * response's KeyInfo is never used, or an attacker could sign with a key of their own.
 */
export function pinnedKeys(certificatesBase64: readonly string[]): PinnedKey[] {
  return certificatesBase64.map((base64) => {
    const hit = cache.get(base64);
    if (hit) return hit;
    const certificate = new X509Certificate(Buffer.from(base64, "base64"));
    const type = certificate.publicKey.asymmetricKeyType;
    const pinned: PinnedKey = {
      key: certificate.publicKey,
      keyType: type === "ec" ? "ec" : "rsa",
      fingerprintSha256: certificate.fingerprint256,
    };
    if (type !== "rsa" && type !== "ec") throw new Error(`unsupported IdP key type ${type}`);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(base64, pinned);
    return pinned;
  });
}
