import { numericHeaders, RateLimitBook } from "../net/rate-limit-book";

/**
 * Persona's budget per organization, per isolate: 300 requests/min per environment across all keys (PERSONA.md
 * §3); once it says nothing is left, we answer `persona_rate_limited` until the reset.
 */
export const personaRateLimits = new RateLimitBook();

/** Persona states `RateLimit-Remaining` and `RateLimit-Reset` in seconds from now. */
export function recordPersonaRateLimit(bucket: string, headers: Headers, nowMs: number): void {
  const limit = numericHeaders(headers, "ratelimit-remaining", "ratelimit-reset");
  if (limit) personaRateLimits.set(bucket, limit.remaining, nowMs + limit.reset * 1000);
}
