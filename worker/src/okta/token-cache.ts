export type AccessToken = { accessToken: string; tokenType: "Bearer" | "DPoP"; expiresAtMs: number; scope: string };

/** Renew this long before Okta's expiry (fixed at one hour), so no request leaves with a token about to die. */
export const RENEW_BEFORE_MS = 60_000;

/**
 * Access tokens keyed by credential, signing key and scope set. One instance lives in the organization's Durable
 * Object (okta-state.ts), so it outlives a request and is shared by every edge isolate (one token request per scope
 * set per token lifetime for the whole organization); it is never persisted, so a token is never at rest. Concurrent misses share one in-flight request (single flight), so a
 * burst of actions on a cold isolate still costs one token request.
 */
export class TokenCache {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly inflight = new Map<string, Promise<AccessToken>>();

  async get(key: string, nowMs: number, mint: () => Promise<AccessToken>): Promise<AccessToken> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAtMs - RENEW_BEFORE_MS > nowMs) return cached;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const request = mint()
      .then((token) => {
        this.tokens.set(key, token);
        return token;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  /** After Okta answered 401 E0000011 for a cached token (revoked, or the app's keys changed). */
  invalidate(key: string, token: AccessToken): void {
    if (this.tokens.get(key) === token) this.tokens.delete(key);
  }

  /** Drops every token of a credential (deleted, or its signing key rotated). */
  forgetCredential(credentialId: string): void {
    for (const key of this.tokens.keys()) if (key.startsWith(`${credentialId}|`)) this.tokens.delete(key);
  }
}
