/**
 * Okta's rate limits as the client sees them (docs/okta.md §3.2; concurrency §3.3): a request budget per window,
 * reported on every response in `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (UTC epoch
 * seconds). A window opens with the first request after the previous one ended, so windows are not aligned to the
 * clock.
 */

export interface RateLimitConfig {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window ends. */
  reset: number;
}

/** Okta's default for `/api/v1/users` on a small org is 600 per minute; the fake uses it for the token and API buckets. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 600, windowSeconds: 60 };

/**
 * `/api/v1/logs` has a bucket of its own, far smaller: 120 per minute on Workforce Identity orgs (the column whose
 * `/api/v1/users` figure is the 600 above), 50 on One App and Enterprise, 20 on a free Developer org (Okta's
 * "Management rate limits", developer.okta.com/docs/reference/rl-global-mgmt/).
 */
export const LOGS_RATE_LIMIT: RateLimitConfig = { limit: 120, windowSeconds: 60 };

export class RateLimiter {
  private windowEndsMs = 0;
  private used = 0;

  constructor(private config: RateLimitConfig = DEFAULT_RATE_LIMIT) {}

  configure(config: RateLimitConfig): void {
    this.config = config;
    this.windowEndsMs = 0;
    this.used = 0;
  }

  get settings(): RateLimitConfig {
    return { ...this.config };
  }

  /** Counts one request (only if it is allowed) and answers what its headers must say. */
  take(nowMs: number): RateLimitState {
    if (nowMs >= this.windowEndsMs) {
      this.windowEndsMs = nowMs + this.config.windowSeconds * 1000;
      this.used = 0;
    }
    const reset = Math.ceil(this.windowEndsMs / 1000);
    if (this.used >= this.config.limit) return { allowed: false, limit: this.config.limit, remaining: 0, reset };
    this.used++;
    return { allowed: true, limit: this.config.limit, remaining: this.config.limit - this.used, reset };
  }
}

export function rateLimitHeaders(state: Pick<RateLimitState, "limit" | "remaining" | "reset">): Record<string, string> {
  return {
    "x-rate-limit-limit": String(state.limit),
    "x-rate-limit-remaining": String(state.remaining),
    "x-rate-limit-reset": String(state.reset),
  };
}

/** Which budget a request of the org draws from: the token endpoint, the System Log and the rest of the API apart. */
export type RateLimitBucket = "token" | "api" | "logs";
export const RATE_LIMIT_BUCKETS: readonly RateLimitBucket[] = ["api", "token", "logs"];
