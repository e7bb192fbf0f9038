/**
 * Persona's rate limit as clients see it (docs/persona.md §3.1): one budget per environment across all its keys (300
 * per minute by default), a fixed window that opens with the first request after the previous window ended, and
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the window ends) on every authenticated
 * response. A refused request does not use up budget.
 */

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window ends. */
  resetSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { limit: 300, windowSeconds: 60 };

export class FixedWindowLimiter {
  private windowEndsMs = 0;
  private used = 0;

  constructor(private config: RateLimitConfig = DEFAULT_RATE_LIMIT) {}

  get settings(): RateLimitConfig {
    return { ...this.config };
  }

  /** Replaces the budget and starts over: the next request opens a new window. */
  configure(config: RateLimitConfig): void {
    this.config = { ...config };
    this.windowEndsMs = 0;
    this.used = 0;
  }

  /** Counts one request, if the budget allows it, and says what its headers must carry. */
  take(nowMs: number): RateLimitState {
    if (nowMs >= this.windowEndsMs) {
      this.windowEndsMs = nowMs + this.config.windowSeconds * 1000;
      this.used = 0;
    }
    const allowed = this.used < this.config.limit;
    if (allowed) this.used++;
    return { allowed, ...this.peek(nowMs) };
  }

  /** The headers' values now, without counting a request. */
  peek(nowMs: number): Omit<RateLimitState, "allowed"> {
    const open = nowMs < this.windowEndsMs;
    return {
      limit: this.config.limit,
      remaining: open ? Math.max(0, this.config.limit - this.used) : this.config.limit,
      resetSeconds: open ? Math.ceil((this.windowEndsMs - nowMs) / 1000) : this.config.windowSeconds,
    };
  }
}

export function rateLimitHeaders(state: Omit<RateLimitState, "allowed">): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}
