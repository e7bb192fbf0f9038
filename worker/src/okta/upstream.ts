import { AppError } from "../../../shared/errors";
import { boundedFetch, type UpstreamAmbient, type UpstreamFailures } from "../net/bounded-fetch";
import type { ConcurrencyLimit } from "../net/concurrency-limit";

export { sleep } from "../net/bounded-fetch";

/**
 * The ambient capabilities of Okta calls (OKTA_ATTEMPT_TIMEOUT_MS per attempt) and, inside the organization's gate,
 * its cap on Okta calls in flight.
 */
export type OktaAmbient = UpstreamAmbient & { inFlight?: ConcurrencyLimit };

const OKTA_FAILURES: UpstreamFailures = { service: "Okta", timeout: "okta_timeout", unavailable: "okta_unavailable" };

/**
 * {@link boundedFetch} for Okta: `okta_timeout` (504), `okta_unavailable` (502). With a concurrency cap, each
 * attempt holds one slot while it is on the wire; one that cannot get a slot before its deadline is answered
 * `okta_rate_limited` rather than sent into Okta's own concurrency limit.
 */
export async function fetchWithTimeout(url: string, init: RequestInit, deadlineMs: number, ambient: OktaAmbient): Promise<Response> {
  if (!ambient.inFlight) return boundedFetch(url, init, deadlineMs, ambient, OKTA_FAILURES);
  const release = await ambient.inFlight.acquire(deadlineMs - ambient.nowMs());
  if (!release) {
    throw new AppError("okta_rate_limited", "too many Okta calls are in flight for this organization; retry shortly", { retryAfterSeconds: 1 });
  }
  try {
    return await boundedFetch(url, init, deadlineMs, ambient, OKTA_FAILURES);
  } finally {
    release();
  }
}
