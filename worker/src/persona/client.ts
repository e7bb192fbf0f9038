import { AppError, isAppError } from "../../../shared/errors";
import { jsonOrNull } from "../../../shared/json-text";
import type { PersonaEnvironment } from "../../../shared/persona";
import { boundedFetch, sleep, type UpstreamAmbient, type UpstreamFailures } from "../net/bounded-fetch";
import type { RateLimitBook } from "../net/rate-limit-book";
import { personaError } from "./errors";
import { recordPersonaRateLimit } from "./rate-limits";

/** Every request names the API version it was written for, whatever the key's default is (docs/persona.md §1.1). */
export const PERSONA_VERSION = "2025-12-08";

/** An organization's usable Persona connection: where to send requests and the key, in clear, for this request only. */
export type PersonaConnection = { orgId: string; baseUrl: string; apiKey: string; environment: PersonaEnvironment };

/**
 * The real or a test `fetch`, the clock, the per-attempt timeout (PERSONA_ATTEMPT_TIMEOUT_MS), and the
 * organization's rate-limit book (its gate's, shared by every isolate).
 */
export type PersonaAmbient = UpstreamAmbient & { rateLimits: RateLimitBook };

const PERSONA_FAILURES: UpstreamFailures = { service: "Persona", timeout: "persona_timeout", unavailable: "persona_unavailable" };

export type PersonaCall = {
  method: "GET" | "POST";
  /** Under the base URL, e.g. `/accounts`; each ID in it URL-encoded by the caller. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** POST only; one per person's click (Persona keeps the first answer for a key for at least 24 h). */
  idempotencyKey?: string;
  /** A POST that only reads (`/…/search`) may be retried like a GET. */
  readOnly?: boolean;
};

export type PersonaResponse = { status: number; body: unknown; headers: Headers; requestId: string | null };

/**
 * One Persona request: bearer key, pinned `Persona-Version`, kebab-case keys, JSON:API. Bounded by the attempt
 * timeout and `deadlineMs` (`persona_timeout`, `persona_unavailable` on a network failure). A 5xx or a network
 * failure is retried once for reads only, while the deadline allows (a timeout is not: waiting twice is worse than
 * reporting it); a 429 is never retried (each one still costs the
 * environment's shared budget) and becomes `persona_rate_limited` with `retryAfterSeconds`. Refusals are mapped by
 * {@link personaError}.
 */
export async function personaRequest(connection: PersonaConnection, call: PersonaCall, ambient: PersonaAmbient, deadlineMs: number): Promise<PersonaResponse> {
  const bucket = connection.orgId;
  const blockedUntil = ambient.rateLimits.blockedUntil(bucket, ambient.nowMs());
  if (blockedUntil > 0) throw personaError(429, null, null, secondsUntil(blockedUntil, ambient.nowMs()));

  const query = call.query ? new URLSearchParams(call.query).toString() : "";
  const url = `${connection.baseUrl}${call.path}${query ? `?${query}` : ""}`;
  const headers: Record<string, string> = {
    accept: "application/json",
    authorization: `Bearer ${connection.apiKey}`,
    "persona-version": PERSONA_VERSION,
    "key-inflection": "kebab",
    "user-agent": "persona-okta-companion",
  };
  if (call.body !== undefined) headers["content-type"] = "application/json";
  if (call.method === "POST" && call.idempotencyKey !== undefined) headers["idempotency-key"] = call.idempotencyKey;
  // Redirects are not followed: the bearer key must go to the configured base URL only (never to where a 3xx
  // points, such as a private address), and Persona's API does not redirect; a 3xx is a failed request.
  const init: RequestInit = { method: call.method, headers, redirect: "manual", ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) };
  const retryable = call.method === "GET" || call.readOnly === true;

  for (let attempt = 0; ; attempt++) {
    const mayRetry = retryable && attempt === 0 && deadlineMs - ambient.nowMs() > 2000;
    let response: Response;
    try {
      response = await boundedFetch(url, init, deadlineMs, ambient, PERSONA_FAILURES);
    } catch (error) {
      if (mayRetry && isAppError(error, "persona_unavailable")) continue;
      throw error;
    }
    const nowMs = ambient.nowMs();
    recordPersonaRateLimit(ambient.rateLimits, bucket, response.headers, nowMs);
    const requestId = response.headers.get("request-id");
    const body = jsonOrNull(await response.text());
    if (response.status === 429) {
      const reset = Number(response.headers.get("ratelimit-reset"));
      const retryAfterSeconds = Number.isFinite(reset) && reset > 0 ? Math.ceil(reset) : 60;
      ambient.rateLimits.exhaust(bucket, nowMs + retryAfterSeconds * 1000);
      throw personaError(429, body, requestId, retryAfterSeconds);
    }
    if (response.status >= 500 && mayRetry) {
      await sleep(250);
      continue;
    }
    if (response.status < 200 || response.status >= 300) throw personaError(response.status, body, requestId);
    if (body === null && response.status !== 204) {
      throw new AppError("persona_unavailable", "Persona answered something that is not JSON", { personaStatus: response.status, personaRequestId: requestId });
    }
    return { status: response.status, body, headers: response.headers, requestId };
  }
}

function secondsUntil(untilMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
}
