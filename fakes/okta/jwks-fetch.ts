/**
 * Fetches a service app's public keys from its `jwks_uri` the way Okta does for "Use a URL to fetch keys
 * dynamically" (docs/okta.md §2.3): a plain GET expecting `{"keys":[…]}`. Okta does not document its cache; the fake
 * fetches on every token request unless `cacheSeconds` > 0, so a rotated key is seen at once by default.
 */
import type { JWK } from "jose";

export interface Jwks {
  keys: JWK[];
}

/** `fetch`: the URL could not be read (network, status, timeout, redirect). `invalid`: it did not hold a JWKS. */
export class JwksFetchError extends Error {
  constructor(
    readonly kind: "fetch" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 5000;
const MAX_BYTES = 64 * 1024;

export async function fetchJwks(uri: string): Promise<Jwks> {
  let response: Response;
  try {
    // Redirects are not followed: the fake is strict where Okta's behaviour is unknown.
    response = await fetch(uri, { method: "GET", headers: { accept: "application/json" }, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new JwksFetchError("fetch", `GET ${uri} failed: ${(error as Error).message}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new JwksFetchError("fetch", `GET ${uri} answered ${response.status}`);
  }
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new JwksFetchError("fetch", `GET ${uri}: body larger than ${MAX_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JwksFetchError("invalid", `GET ${uri}: not JSON`);
  }
  return parseJwks(value);
}

export function parseJwks(value: unknown): Jwks {
  if (typeof value !== "object" || value === null || !Array.isArray((value as { keys?: unknown }).keys)) {
    throw new JwksFetchError("invalid", 'expected an object {"keys":[…]}');
  }
  const keys = (value as { keys: unknown[] }).keys;
  if (!keys.every((key) => typeof key === "object" && key !== null && typeof (key as { kty?: unknown }).kty === "string")) {
    throw new JwksFetchError("invalid", "every key must be a JWK object with kty");
  }
  return { keys: keys as JWK[] };
}

/** A per-client cache in front of {@link fetchJwks}; `cacheSeconds` 0 means no cache. Counts real fetches. */
export class JwksSource {
  private cached: { jwks: Jwks; until: number } | undefined;
  fetches = 0;

  constructor(
    private readonly uri: string | undefined,
    private inline: Jwks | undefined,
  ) {}

  get jwksUri(): string | undefined {
    return this.uri;
  }

  /** Replaces inline keys (test-only clients without a URL). */
  setInline(jwks: Jwks): void {
    this.inline = jwks;
  }

  async get(nowMs: number, cacheSeconds: number): Promise<Jwks> {
    if (this.uri === undefined) return this.inline ?? { keys: [] };
    if (this.cached && nowMs < this.cached.until) return this.cached.jwks;
    this.fetches++;
    const jwks = await fetchJwks(this.uri);
    this.cached = cacheSeconds > 0 ? { jwks, until: nowMs + cacheSeconds * 1000 } : undefined;
    return jwks;
  }

  clearCache(): void {
    this.cached = undefined;
  }
}
