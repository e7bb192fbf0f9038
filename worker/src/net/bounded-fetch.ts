import { AppError, type ErrorCode } from "../../../shared/errors";

/** The ambient capabilities of an upstream call (Okta, Persona), passed in so tests control them (docs/style.md §1.2). */
export type UpstreamAmbient = {
  fetch: typeof fetch;
  nowMs: () => number;
  /** One attempt may take this long (OKTA_ATTEMPT_TIMEOUT_MS, PERSONA_ATTEMPT_TIMEOUT_MS); a whole call ends by its deadline. */
  attemptTimeoutMs: number;
};

/** How one upstream's failures are reported: each service speaks its own codes (`okta_timeout`, `persona_timeout`). */
export type UpstreamFailures = { service: string; timeout: ErrorCode; unavailable: ErrorCode };

/**
 * `fetch` bounded by both a per-attempt timeout and the call's overall deadline (so an upstream hang ends well
 * within 30 s), never following a redirect, with the body read inside the same bound. A timeout is the service's
 * `timeout` code (504); a network failure its `unavailable` code (502).
 */
export async function boundedFetch(
  url: string,
  init: RequestInit,
  deadlineMs: number,
  ambient: UpstreamAmbient,
  failures: UpstreamFailures,
): Promise<Response> {
  const budget = Math.min(ambient.attemptTimeoutMs, deadlineMs - ambient.nowMs());
  if (budget <= 0) throw new AppError(failures.timeout, `${failures.service} did not answer in time`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budget);
  try {
    // Never follow a redirect: the request carries a bearer token or API key, which must reach only the
    // configured host (Okta and Persona APIs do not redirect; a 3xx is treated as a failure by the caller).
    const response = await ambient.fetch(url, { ...init, redirect: "manual", signal: controller.signal });
    // Read the body inside the timeout too: a server that sends headers and then stalls is a hang as well.
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch {
    if (controller.signal.aborted) throw new AppError(failures.timeout, `${failures.service} did not answer in time`);
    // Fixed text: the runtime's own message names addresses, ports and TLS details of the network path, which the
    // admin cannot act on and which must not reach a response, the org log or the audit.
    throw new AppError(failures.unavailable, `${failures.service} could not be reached`);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms` (callers keep it within their deadline). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
