/**
 * What Persona last told us about an organization's budget (`RateLimit-Remaining`, `RateLimit-Reset` in seconds),
 * per isolate. Persona counts 300 requests/min per environment across all keys (PERSONA.md §3): once it says
 * nothing is left, we answer `persona_rate_limited` until the reset instead of spending requests it will refuse.
 */
export class PersonaRateLimitBook {
  private readonly buckets = new Map<string, { remaining: number; resetAtMs: number }>();

  /** Epoch ms until which `bucket` is known to be exhausted, or 0 when a request may go now. */
  blockedUntil(bucket: string, nowMs: number): number {
    const state = this.buckets.get(bucket);
    if (!state || state.resetAtMs <= nowMs) return 0;
    return state.remaining > 0 ? 0 : state.resetAtMs;
  }

  record(bucket: string, headers: Headers, nowMs: number): void {
    const remaining = Number(headers.get("ratelimit-remaining"));
    const reset = Number(headers.get("ratelimit-reset"));
    if (headers.get("ratelimit-remaining") === null || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    this.buckets.set(bucket, { remaining, resetAtMs: nowMs + reset * 1000 });
  }

  /** A 429: nothing left until `resetAtMs`. */
  exhaust(bucket: string, resetAtMs: number): void {
    this.buckets.set(bucket, { remaining: 0, resetAtMs });
  }
}

export const personaRateLimits = new PersonaRateLimitBook();
