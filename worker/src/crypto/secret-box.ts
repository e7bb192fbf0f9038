import { base64url } from "jose";
import { z } from "zod";
import { type Sealed, SealedSchema } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";

/**
 * Encryption at rest for the secrets the worker keeps in KV (Okta API tokens, private keys): AES-256-GCM with a
 * random 96-bit IV per seal and the record's identity as additional authenticated data (AAD), e.g.
 * `cred:{org}:{id}:token`. The AAD is not stored: whoever opens a value must name the record it belongs to, so a
 * ciphertext copied into another record (another organization's, or another field) fails to open instead of
 * lending its secret there.
 *
 * The keys come from the `ENCRYPTION_KEYS` secret, a comma-separated list of versioned 32-byte keys:
 * `v1:<base64>,v2:<base64>`. The highest version seals; every listed version opens (a sealed value records its
 * version in `v`).
 *
 * Rotating the key:
 *   1. add `v2` next to `v1` (`npx wrangler secret put ENCRYPTION_KEYS` with `v1:…,v2:…`) and deploy: new writes
 *      are sealed with v2, v1 values still open;
 *   2. re-seal what v1 sealed: `POST /api/credentials/reseal` (bootstrap credential; re-seals every stored
 *      credential), or let it happen lazily: every write of a credential (key rotation) re-seals all its secrets;
 *   3. once the reseal reports nothing left on v1, remove `v1` from the list and deploy. A value still sealed with
 *      a removed version fails with `encryption_key_unknown` (never silently), so step 2 must finish first.
 */

/** The parsed `ENCRYPTION_KEYS`: raw key bytes by version, and the version that seals. */
export type KeyRing = { readonly sealVersion: number; readonly keys: ReadonlyMap<number, Uint8Array<ArrayBuffer>> };

const KEY_ENTRY = /^v([1-9]\d{0,5}):([A-Za-z0-9+/_-]{43}={0,1})$/;

/** zod schema of the `ENCRYPTION_KEYS` secret; its issues name the rule, never the value. */
export const EncryptionKeysSchema = z.string().transform((raw, ctx): KeyRing => {
  const keys = new Map<number, Uint8Array<ArrayBuffer>>();
  for (const entry of raw.split(",").map((part) => part.trim())) {
    const match = KEY_ENTRY.exec(entry);
    const bytes = match ? decodeBase64(match[2]!) : undefined;
    if (!match || bytes?.length !== 32) {
      ctx.addIssue({ code: "custom", message: "ENCRYPTION_KEYS must be v<N>:<base64 of 32 bytes>[,v<M>:…]" });
      return z.NEVER;
    }
    const version = Number(match[1]);
    if (keys.has(version)) {
      ctx.addIssue({ code: "custom", message: "ENCRYPTION_KEYS lists a version twice" });
      return z.NEVER;
    }
    keys.set(version, bytes);
  }
  return { sealVersion: Math.max(...keys.keys()), keys };
});

/** The configured key ring, or `encryption_unavailable` when the deployment has no `ENCRYPTION_KEYS`. */
export function requireKeyRing(keys: KeyRing | undefined): KeyRing {
  if (!keys) throw new AppError("encryption_unavailable", "ENCRYPTION_KEYS is not configured: secrets cannot be stored or used");
  return keys;
}

/**
 * Where a sealed secret may be sent: the base URL of the upstream it authenticates to (an Okta org's origin,
 * Persona's API root with its path).
 * It becomes part of the AAD, so a record whose destination was changed (or a ciphertext copied next to another
 * destination) no longer opens: the secret never reaches a host it was not entered for.
 */
export type Destination = string;

/** The AAD a value is sealed under: the record's name, and its destination when it has one. */
function aadOf(aad: string, destination: Destination | undefined): string {
  return destination === undefined ? aad : `${aad}|to:${new URL(destination).href}`;
}

/** Seals `plaintext` for the record named by `aad` (and bound to `destination`, when given) with the newest key. */
export async function seal(plaintext: string, aad: string, keys: KeyRing, destination?: Destination): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await cryptoKey(keys, keys.sealVersion);
  const additionalData = utf8(aadOf(aad, destination));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData, tagLength: 128 }, key, utf8(plaintext));
  return {
    v: keys.sealVersion,
    iv: base64url.encode(iv),
    ct: base64url.encode(new Uint8Array(ct)),
    ...(destination === undefined ? {} : { to: true as const }),
  };
}

/**
 * Opens a value sealed for the record named by `aad`; a destination-bound value opens only for the `destination`
 * it was sealed for. Errors: `encryption_key_unknown` (its key version is no longer configured),
 * `decryption_failed` (tampered, truncated, sealed for another record, or for another destination).
 */
export async function open(sealed: Sealed, aad: string, keys: KeyRing, destination?: Destination): Promise<string> {
  const { v, iv, ct, to } = SealedSchema.parse(sealed);
  if (!keys.keys.has(v))
    throw new AppError("encryption_key_unknown", `a stored secret was sealed with key v${v}, which ENCRYPTION_KEYS no longer lists`, { version: v });
  const key = await cryptoKey(keys, v);
  try {
    // A bound value names its destination in the AAD; asking without one (or for another) fails to open.
    if (to && destination === undefined) throw new Error("bound value opened without its destination");
    const ivBytes = new Uint8Array(base64url.decode(iv));
    if (ivBytes.length !== 12) throw new Error("bad IV");
    const additionalData = utf8(aadOf(aad, to ? destination : undefined));
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: ivBytes, additionalData, tagLength: 128 }, key, new Uint8Array(base64url.decode(ct)));
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    throw new AppError("decryption_failed", "a stored secret could not be decrypted");
  }
}

/** True when a re-seal would change `sealed`: not under the newest key, or not yet bound to its destination. */
export function needsReseal(sealed: Sealed, keys: KeyRing, destination?: Destination): boolean {
  return sealed.v !== keys.sealVersion || (destination !== undefined && sealed.to !== true);
}

/**
 * Opens and seals again under the newest key, bound to `destination` when given (a value sealed before bindings
 * existed is bound to the destination its record names now); returns the same object when nothing would change.
 */
export async function reseal(sealed: Sealed, aad: string, keys: KeyRing, destination?: Destination): Promise<Sealed> {
  return needsReseal(sealed, keys, destination) ? seal(await open(sealed, aad, keys, destination), aad, keys, destination) : sealed;
}

// Imported once per isolate: the key ring object lives as long as the validated env (see env.ts).
const imported = new WeakMap<KeyRing, Map<number, Promise<CryptoKey>>>();

function cryptoKey(keys: KeyRing, version: number): Promise<CryptoKey> {
  let byVersion = imported.get(keys);
  if (!byVersion) {
    byVersion = new Map();
    imported.set(keys, byVersion);
  }
  let key = byVersion.get(version);
  if (!key) {
    const raw = keys.keys.get(version);
    if (!raw) throw new AppError("encryption_key_unknown", `no key v${version} in ENCRYPTION_KEYS`, { version });
    key = crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
    byVersion.set(version, key);
  }
  return key;
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** Standard or URL-safe base64 (setup scripts and `openssl rand -base64 32` both work). */
function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return new Uint8Array(base64url.decode(text.replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_")));
  } catch {
    return undefined;
  }
}
