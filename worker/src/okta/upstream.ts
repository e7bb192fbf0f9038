import { AppError } from "../../../shared/errors";

/** The ambient capabilities of Okta calls, passed in so tests control them (STYLE.md). */
export type OktaAmbient = {
  fetch: typeof fetch;
  nowMs: () => number;
  /** One attempt may take this long (OKTA_ATTEMPT_TIMEOUT_MS); a whole action ends by its deadline. */
  attemptTimeoutMs: number;
};

/**
 * `fetch` bounded by both a per-attempt timeout and the action's overall deadline (so an upstream hang ends well
 * within 30 s). A timeout is `okta_timeout` (504); a network failure `okta_unavailable` (502).
 */
export async function fetchWithTimeout(url: string, init: RequestInit, deadlineMs: number, ambient: OktaAmbient): Promise<Response> {
  const budget = Math.min(ambient.attemptTimeoutMs, deadlineMs - ambient.nowMs());
  if (budget <= 0) throw new AppError("okta_timeout", "Okta did not answer in time");
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
    if (controller.signal.aborted) throw new AppError("okta_timeout", "Okta did not answer in time");
    // Fixed text: the runtime's own message names addresses, ports and TLS details of the network path, which the
    // admin cannot act on and which must not reach a response, the org log or the audit.
    throw new AppError("okta_unavailable", "Okta could not be reached");
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms` (never past the deadline). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
