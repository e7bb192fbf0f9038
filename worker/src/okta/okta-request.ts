import { AppError } from "../../../shared/errors";
import type { RateLimitBook } from "../net/rate-limit-book";
import { buildDpopProof, type DpopKey } from "./dpop-proof";
import { recordOktaRateLimit } from "./rate-limits";
import type { AccessToken } from "./token-cache";
import { fetchWithTimeout, type OktaAmbient, sleep } from "./upstream";

/** How an Okta request is authorised: an SSWS API token, or an OAuth access token (Bearer or DPoP-bound). */
export type OktaAuth =
  | { kind: "ssws"; token: string }
  | {
      kind: "oauth";
      /** The current token; with `rejected`, a new one unless another request already replaced that token. */
      token: (rejected?: AccessToken) => Promise<AccessToken>;
      dpopKey: DpopKey;
    };

export type OktaResponse = { status: number; body: unknown; headers: Headers; requestId: string | null };

/** A 429 is waited out at most this many times, and only while the action's deadline allows. */
const MAX_RATE_LIMIT_WAITS = 2;

/**
 * One Management API call with Okta's rules applied (docs/okta.md §3): rate-limit headers honoured before and after
 * the call; a 429 (refused before any work) retried no earlier than `X-Rate-Limit-Reset` while the deadline
 * allows, otherwise answered 429 with Retry-After; a 401 `E0000011` refreshes the OAuth token once; a 5xx or a
 * timeout is retried only for idempotent requests — a POST that may have reached Okta is never sent twice.
 * Non-2xx answers other than those are returned for the caller to map.
 */
export async function oktaRequest(input: {
  auth: OktaAuth;
  url: string;
  method: "GET" | "POST" | "DELETE";
  body?: unknown;
  idempotent: boolean;
  bucket: string;
  rateLimits: RateLimitBook;
  ambient: OktaAmbient;
  deadlineMs: number;
}): Promise<OktaResponse> {
  const nowMs = input.ambient.nowMs;
  let refreshed = false;
  let rateLimitWaits = 0;
  let serverRetries = 0;
  let firstRequestId: string | null = null;
  for (let attempt = 0; ; attempt++) {
    const blockedUntil = input.rateLimits.blockedUntil(input.bucket, nowMs());
    if (blockedUntil > 0) {
      if (blockedUntil + 1000 > input.deadlineMs) throw rateLimited(blockedUntil, nowMs());
      await sleep(blockedUntil - nowMs() + 1000);
    }
    const headers: Record<string, string> = { accept: "application/json", "user-agent": "persona-okta-companion" };
    if (input.body !== undefined) headers["content-type"] = "application/json";
    if (attempt > 0 && firstRequestId) {
      headers["x-okta-retry-for"] = firstRequestId;
      headers["x-okta-retry-count"] = String(attempt);
    }
    let token: AccessToken | undefined;
    if (input.auth.kind === "ssws") {
      headers.authorization = `SSWS ${input.auth.token}`;
    } else {
      token = await input.auth.token();
      headers.authorization = `${token.tokenType} ${token.accessToken}`;
      if (token.tokenType === "DPoP") {
        headers.dpop = await buildDpopProof({ key: input.auth.dpopKey, method: input.method, url: input.url, nowMs: nowMs(), accessToken: token.accessToken });
      }
    }

    let response: Response;
    try {
      response = await fetchWithTimeout(
        input.url,
        { method: input.method, headers, ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }) },
        input.deadlineMs,
        input.ambient,
      );
    } catch (error) {
      // A GET that timed out may be sent again; a POST may already have changed the user, so it is not.
      if (input.idempotent && serverRetries === 0 && input.deadlineMs - nowMs() > 2000) {
        serverRetries++;
        continue;
      }
      throw error;
    }
    recordOktaRateLimit(input.rateLimits, input.bucket, response.headers);
    const requestId = response.headers.get("x-okta-request-id");
    firstRequestId ??= requestId;
    const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);

    if (response.status === 429) {
      const resetMs = Number(response.headers.get("x-rate-limit-reset")) * 1000;
      const waitUntil = Number.isFinite(resetMs) && resetMs > 0 ? resetMs : nowMs() + 60_000;
      if (rateLimitWaits < MAX_RATE_LIMIT_WAITS && waitUntil + 1000 <= input.deadlineMs) {
        rateLimitWaits++;
        await sleep(waitUntil - nowMs() + 1000);
        continue;
      }
      throw rateLimited(waitUntil, nowMs(), requestId);
    }
    if (response.status === 401 && token && !refreshed) {
      refreshed = true;
      if (input.auth.kind === "oauth") await input.auth.token(token);
      continue;
    }
    if (response.status >= 500) {
      if (input.idempotent && serverRetries === 0 && input.deadlineMs - nowMs() > 2000) {
        serverRetries++;
        await sleep(250);
        continue;
      }
      throw new AppError("okta_unavailable", `Okta answered ${response.status}`, { oktaStatus: response.status, ...oktaErrorDetails(body, requestId) });
    }
    return { status: response.status, body, headers: response.headers, requestId };
  }
}

function rateLimited(untilMs: number, nowMs: number, requestId: string | null = null): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
  return new AppError("okta_rate_limited", "Okta's rate limit for this operation is exhausted; retry later", {
    retryAfterSeconds,
    oktaRequestId: requestId,
  });
}

/** Okta's error fields, safe to show: code, summary, id, causes' summaries and the request ID. */
export function oktaErrorDetails(body: unknown, requestId: string | null): Record<string, unknown> {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const causes = Array.isArray(record.errorCauses)
    ? record.errorCauses.map((cause) => (typeof cause === "object" && cause && "errorSummary" in cause ? String(cause.errorSummary) : "")).filter(Boolean)
    : [];
  return {
    errorCode: typeof record.errorCode === "string" ? record.errorCode : null,
    errorSummary: typeof record.errorSummary === "string" ? record.errorSummary : null,
    errorId: typeof record.errorId === "string" ? record.errorId : null,
    errorCauses: causes,
    oktaRequestId: requestId,
  };
}
