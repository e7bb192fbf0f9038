import type { ApiServiceCredential, StoredCredential, StoredKey } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";

/**
 * The client-authentication key rotation of an API Service credential, without a failed token request in between:
 * add a `next` key (published at once), activate it after the grace period (the old one becomes `retired`, still
 * published), delete the retired key after the grace period. Each step is a pure function of the credential; the
 * credential repository writes what it returns.
 */

/**
 * How long a key must be published before it may sign, and stay published after it stopped: the JWKS max-age
 * (routes/jwks.ts). Okta does not document how long it caches a client's JWKS (docs/okta.md §2.3), so a key that
 * starts signing the moment it is added could meet a cached JWKS without it, and a key removed the moment it
 * stopped signing could fail an assertion it signed a moment earlier (assertions live 2 min; KV takes up to 1 min to
 * reach every location). `force` skips the wait, for an admin who knows better (e.g. a compromised key).
 */
export const KEY_GRACE_MS = 300_000;

/** Active + next + retired: enough for a rotation and a rollback, few enough for Okta's JWKS and ours. */
export const MAX_KEYS_PER_CREDENTIAL = 5;

/** Only API Service credentials have signing keys. */
export function apiService(credential: StoredCredential): ApiServiceCredential {
  if (credential.type !== "okta_api_service") throw new AppError("invalid_request", "only API Service credentials have signing keys");
  return credential;
}

export function findKey(credential: ApiServiceCredential, kid: string): StoredKey {
  const key = credential.keys.find((candidate) => candidate.kid === kid);
  if (!key) throw new AppError("key_not_found", "no such key in this credential");
  return key;
}

/** Whether a new `next` key may be added now; its algorithm is the active key's. */
export function nextKeyAlgorithm(credential: ApiServiceCredential): StoredKey["alg"] {
  if (credential.keys.some((key) => key.status === "next")) {
    throw new AppError("key_rotation_in_progress", "this credential already has a next key: activate it first");
  }
  if (credential.keys.length >= MAX_KEYS_PER_CREDENTIAL) {
    throw new AppError("key_limit_reached", `a credential holds at most ${MAX_KEYS_PER_CREDENTIAL} keys: delete a retired key first`);
  }
  return credential.keys.find((key) => key.status === "active")?.alg ?? "RS256";
}

/**
 * Signing switches to `kid` (a `next` key, or a `retired` one to roll back); the key that was active becomes
 * `retired` and stays published. Null when `kid` is already active (nothing to do).
 */
export function activated(credential: ApiServiceCredential, kid: string, force: boolean, nowMs: number): StoredKey[] | null {
  const target = findKey(credential, kid);
  if (target.status === "active") return null;
  const publishedForMs = nowMs - Date.parse(target.createdAt);
  if (!force && publishedForMs < KEY_GRACE_MS) {
    throw new AppError("key_not_yet_published", "Okta may still hold a cached JWKS without this key: activate it later, or with ?force=true", {
      retryAfterSeconds: Math.ceil((KEY_GRACE_MS - publishedForMs) / 1000),
    });
  }
  const retiredAt = new Date(nowMs).toISOString();
  return credential.keys.map((key) => {
    if (key.kid === target.kid) {
      const { retiredAt: _wasRetiredAt, ...rest } = key;
      return { ...rest, status: "active" as const };
    }
    if (key.status === "active") return { ...key, status: "retired" as const, retiredAt };
    return key;
  });
}

/** A retired key leaves the JWKS after the grace period; the active and next keys cannot be deleted. */
export function withoutKey(credential: ApiServiceCredential, kid: string, force: boolean, nowMs: number): StoredKey[] {
  const target = findKey(credential, kid);
  if (target.status !== "retired")
    throw new AppError("key_in_use", `the ${target.status} key cannot be deleted: only a retired key can`, { status: target.status });
  const retiredForMs = nowMs - Date.parse(target.retiredAt ?? target.createdAt);
  if (!force && retiredForMs < KEY_GRACE_MS) {
    throw new AppError("key_still_in_grace", "an assertion signed with this key may still be in flight: delete it later, or with ?force=true", {
      retryAfterSeconds: Math.ceil((KEY_GRACE_MS - retiredForMs) / 1000),
    });
  }
  return credential.keys.filter((key) => key.kid !== target.kid);
}
