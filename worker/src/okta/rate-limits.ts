import { numericHeaders, type RateLimitBook } from "../net/rate-limit-book";

/** Okta states `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` as UTC epoch seconds (docs/okta.md §3.2). */
export function recordOktaRateLimit(book: RateLimitBook, bucket: string, headers: Headers): void {
  const limit = numericHeaders(headers, "x-rate-limit-remaining", "x-rate-limit-reset");
  if (limit) book.set(bucket, limit.remaining, limit.reset * 1000);
}
