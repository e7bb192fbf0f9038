import { base64url, calculateJwkThumbprint } from "jose";
import { type ApiServiceCredential, DpopPublicJwkSchema, type PublicJwk, PublicJwkSchema, type SigningAlg, type StoredKey } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { KeyCache } from "../crypto/key-cache";
import { type KeyRing, open, seal } from "../crypto/secret-box";
import { type CredentialRef, credentialAad } from "../storage/credentials";
import type { ClientSigningKey } from "./client-assertion";
import type { DpopKey } from "./dpop-proof";

/**
 * The key pairs of an Okta API Service credential: client-authentication keys (private_key_jwt, published in our
 * JWKS) and the separate DPoP proof key (docs/okta.md §2.4: Okta's docs keep the DPoP key apart from the client-auth key).
 * Private keys exist in plaintext only inside WebCrypto: generated extractable just long enough to be exported as
 * PKCS#8 and sealed, and imported back non-extractable when signing.
 */

const PARAMS = {
  RS256: {
    generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    import: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  },
  ES256: {
    generate: { name: "ECDSA", namedCurve: "P-256" },
    import: { name: "ECDSA", namedCurve: "P-256" },
  },
} as const;

/** A new client-authentication key: its public JWK (`kid` = RFC 7638 thumbprint, `use: sig`, `alg`), private key sealed. */
export async function generateSigningKey(input: {
  alg: SigningAlg;
  credential: CredentialRef;
  keys: KeyRing;
  status: StoredKey["status"];
  nowMs: number;
}): Promise<StoredKey> {
  const pair = (await crypto.subtle.generateKey(PARAMS[input.alg].generate, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  // The thumbprint covers only the required public members, so the kid names the key itself: two keys can share a
  // kid only by being the same key, which Okta's "unique kid" rule then trivially satisfies.
  const kid = await calculateJwkThumbprint(jwk as Parameters<typeof calculateJwkThumbprint>[0], "sha256");
  const members = input.alg === "RS256" ? { kty: "RSA", n: jwk.n, e: jwk.e } : { kty: "EC", crv: jwk.crv, x: jwk.x, y: jwk.y };
  const publicJwk = PublicJwkSchema.parse({ ...members, kid, use: "sig", alg: input.alg });
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  return {
    kid,
    alg: input.alg,
    status: input.status,
    publicJwk,
    privateKey: await seal(
      base64url.encode(new Uint8Array(pkcs8 as ArrayBuffer)),
      credentialAad.privateKey(input.credential, kid),
      input.keys,
      input.credential.orgUrl,
    ),
    createdAt: new Date(input.nowMs).toISOString(),
  };
}

/** A new DPoP proof key (ES256), sealed for its credential. */
export async function generateDpopKey(credential: CredentialRef, keys: KeyRing): Promise<ApiServiceCredential["dpopKey"]> {
  const pair = (await crypto.subtle.generateKey(PARAMS.ES256.generate, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  return {
    publicJwk: DpopPublicJwkSchema.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }),
    privateKey: await seal(base64url.encode(new Uint8Array(pkcs8 as ArrayBuffer)), credentialAad.dpopKey(credential), keys, credential.orgUrl),
  };
}

/** The one key that signs client assertions. */
export function activeKey(credential: ApiServiceCredential): StoredKey {
  const active = credential.keys.find((key) => key.status === "active");
  // The rotation routes keep exactly one active key; a record without one is corrupt, not a caller's mistake.
  if (!active) throw new Error(`credential ${credential.id} has no active key`);
  return active;
}

/** The public keys Okta may verify an assertion with: active, next (about to sign) and retired (signed recently). */
export function publishedJwks(credential: ApiServiceCredential): { keys: PublicJwk[] } {
  return { keys: credential.keys.map((key) => PublicJwkSchema.parse(key.publicJwk)) };
}

/**
 * The private key that signs client assertions (the active one unless `kid` names another), imported
 * non-extractable and cached per isolate by credential and kid: the PKCS#8 is decrypted once per isolate, not once
 * per token request.
 */
export async function loadSigningKey(credential: ApiServiceCredential, keys: KeyRing, kid?: string): Promise<ClientSigningKey> {
  const stored = kid === undefined ? activeKey(credential) : credential.keys.find((key) => key.kid === kid);
  if (!stored) throw new AppError("key_not_found", "no such key in this credential");
  const cacheKey = `${credential.orgId}:${credential.id}:${stored.kid}`;
  const key = await keyCache.get(cacheKey, async () => {
    const pkcs8 = new Uint8Array(base64url.decode(await open(stored.privateKey, credentialAad.privateKey(credential, stored.kid), keys, credential.orgUrl)));
    return crypto.subtle.importKey("pkcs8", pkcs8, PARAMS[stored.alg].import, false, ["sign"]);
  });
  return { key, kid: stored.kid, alg: stored.alg };
}

/** The DPoP proof key of a credential (cached like {@link loadSigningKey}). */
export async function loadDpopKey(credential: ApiServiceCredential, keys: KeyRing): Promise<DpopKey> {
  const privateKey = await keyCache.get(`${credential.orgId}:${credential.id}:dpop`, async () => {
    const pkcs8 = new Uint8Array(base64url.decode(await open(credential.dpopKey.privateKey, credentialAad.dpopKey(credential), keys, credential.orgUrl)));
    return crypto.subtle.importKey("pkcs8", pkcs8, PARAMS.ES256.import, false, ["sign"]);
  });
  return { privateKey, publicJwk: credential.dpopKey.publicJwk };
}

const keyCache = new KeyCache(256);

/** Drops a credential's cached keys (deleted credential, deleted key). */
export function forgetCachedKeys(credential: Pick<CredentialRef, "orgId" | "id">, kid?: string): void {
  const prefix = `${credential.orgId}:${credential.id}:`;
  keyCache.forget((key) => (kid === undefined ? key.startsWith(prefix) : key === `${prefix}${kid}`));
}
