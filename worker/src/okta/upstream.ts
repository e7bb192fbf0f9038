import { boundedFetch, type UpstreamAmbient, type UpstreamFailures } from "../net/bounded-fetch";

export { sleep } from "../net/bounded-fetch";

/** The ambient capabilities of Okta calls (OKTA_ATTEMPT_TIMEOUT_MS per attempt). */
export type OktaAmbient = UpstreamAmbient;

const OKTA_FAILURES: UpstreamFailures = { service: "Okta", timeout: "okta_timeout", unavailable: "okta_unavailable" };

/** {@link boundedFetch} for Okta: `okta_timeout` (504), `okta_unavailable` (502). */
export function fetchWithTimeout(url: string, init: RequestInit, deadlineMs: number, ambient: OktaAmbient): Promise<Response> {
  return boundedFetch(url, init, deadlineMs, ambient, OKTA_FAILURES);
}
