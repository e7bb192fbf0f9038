import { type KeyObject, type VerifyKeyObjectInput, type VerifyPublicKeyInput, X509Certificate } from "node:crypto";

/**
 * `verifyKey` is what `crypto.verify` takes. For EC keys it is SPKI DER with `dsaEncoding: "ieee-p1363"` (XML-DSig
 * signatures are raw r||s): workerd refuses a KeyObject inside a key-options object, which Node accepts.
 */
export type PinnedKey = {
  key: KeyObject;
  keyType: "rsa" | "ec";
  fingerprintSha256: string;
  verifyKey: KeyObject | VerifyKeyObjectInput | VerifyPublicKeyInput;
};

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
    if (type !== "rsa" && type !== "ec") throw new Error(`unsupported IdP key type ${type}`);
    const key = certificate.publicKey;
    const pinned: PinnedKey = {
      key,
      keyType: type,
      fingerprintSha256: certificate.fingerprint256,
      verifyKey: type === "ec" ? { key: key.export({ format: "der", type: "spki" }), format: "der", type: "spki", dsaEncoding: "ieee-p1363" } : key,
    };
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(base64, pinned);
    return pinned;
  });
}
