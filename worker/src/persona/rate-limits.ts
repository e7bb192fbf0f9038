import { numericHeaders, type RateLimitBook } from "../net/rate-limit-book";

/**
 * Persona's budget is 300 requests/min per environment across all keys (docs/persona.md §3.1). The book is the
 * organization's, held by its gate (one for every isolate); once Persona says nothing is left, we answer
 * `persona_rate_limited` until the reset. Persona states `RateLimit-Remaining` and `RateLimit-Reset` in seconds from now.
 */
export function recordPersonaRateLimit(book: RateLimitBook, bucket: string, headers: Headers, nowMs: number): void {
  const limit = numericHeaders(headers, "ratelimit-remaining", "ratelimit-reset");
  if (limit) book.set(bucket, limit.remaining, nowMs + limit.reset * 1000);
}
