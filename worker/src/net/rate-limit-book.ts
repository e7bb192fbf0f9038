/**
 * What an upstream last told us about each rate-limit bucket, per isolate. When a bucket is exhausted we wait for
 * its reset (or refuse at once) instead of spending a request the upstream will answer 429 — every 429 we cause
 * counts against the organization's whole budget there. Okta and Persona state their limits in different headers;
 * each client reads its own and records the result here.
 */
export class RateLimitBook {
  private readonly buckets = new Map<string, { remaining: number; resetAtMs: number }>();

  /** Epoch ms until which `bucket` is known to be exhausted, or 0 when a request may go now. */
  blockedUntil(bucket: string, nowMs: number): number {
    const state = this.buckets.get(bucket);
    if (!state || state.resetAtMs <= nowMs) return 0;
    return state.remaining > 0 ? 0 : state.resetAtMs;
  }

  set(bucket: string, remaining: number, resetAtMs: number): void {
    this.buckets.set(bucket, { remaining, resetAtMs });
  }

  /** A 429: nothing left until `resetAtMs`. */
  exhaust(bucket: string, resetAtMs: number): void {
    this.set(bucket, 0, resetAtMs);
  }
}

/** Two finite numbers from a pair of headers, or null when either is absent or malformed. */
export function numericHeaders(headers: Headers, remainingName: string, resetName: string): { remaining: number; reset: number } | null {
  const remainingText = headers.get(remainingName);
  const resetText = headers.get(resetName);
  if (remainingText === null || resetText === null) return null;
  const remaining = Number(remainingText);
  const reset = Number(resetText);
  return Number.isFinite(remaining) && Number.isFinite(reset) ? { remaining, reset } : null;
}
