/**
 * What Okta last told us about each rate-limit bucket (`X-Rate-Limit-Remaining/Reset`), per isolate. When a
 * bucket is exhausted we wait for its reset (or refuse at once) instead of spending a request that Okta will
 * answer 429 — and every 429 we cause counts against the org's whole API budget.
 */
export class RateLimitBook {
  private readonly buckets = new Map<string, { remaining: number; resetAtMs: number }>();

  /** Epoch ms until which `bucket` is known to be exhausted, or 0 when a request may go now. */
  blockedUntil(bucket: string, nowMs: number): number {
    const state = this.buckets.get(bucket);
    if (!state || state.resetAtMs <= nowMs) return 0;
    return state.remaining > 0 ? 0 : state.resetAtMs;
  }

  record(bucket: string, headers: Headers): void {
    const remaining = Number(headers.get("x-rate-limit-remaining"));
    const reset = Number(headers.get("x-rate-limit-reset"));
    if (headers.get("x-rate-limit-remaining") === null || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    this.buckets.set(bucket, { remaining, resetAtMs: reset * 1000 });
  }
}

export const rateLimitBook = new RateLimitBook();
