import { ConcurrencyLimit } from "../net/concurrency-limit";
import { RateLimitBook } from "../net/rate-limit-book";
import { TokenCache } from "./token-cache";
import type { DpopState } from "./token-client";

/**
 * Everything an organization learns while talking to Okta, kept in one place for the whole organization: its
 * OAuth tokens (single flight, renewed before expiry, never persisted), what Okta said about each credential's
 * DPoP requirement and nonce, the rate-limit book (one entry per Okta bucket), and the cap on calls in flight.
 * One instance lives in the organization's Durable Object (worker/src/gate/), so every edge isolate shares it.
 */
export class OktaState {
  readonly tokens = new TokenCache();
  readonly rateLimits = new RateLimitBook();
  readonly inFlight: ConcurrencyLimit;
  private readonly dpop = new Map<string, DpopState>();

  constructor(maxConcurrency: number) {
    this.inFlight = new ConcurrencyLimit(maxConcurrency);
  }

  /** The credential's DPoP state, learnt at its first token request and kept while the object lives. */
  dpopOf(credentialId: string): DpopState {
    let state = this.dpop.get(credentialId);
    if (!state) {
      state = { required: false, nonce: undefined };
      this.dpop.set(credentialId, state);
    }
    return state;
  }

  /** A credential was deleted or its keys changed: nothing learnt with it may be used again. */
  forgetCredential(credentialId: string): void {
    this.tokens.forgetCredential(credentialId);
    this.dpop.delete(credentialId);
  }
}
