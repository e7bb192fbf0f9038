import { AppError, type ErrorCode } from "../../../shared/errors";

/** Persona's error document: `{"errors":[{"title", "details", "source"}]}` (docs/persona.md §3.2). */
export function personaErrorTitle(body: unknown): { title: string | null; detail: string | null } {
  const errors = typeof body === "object" && body !== null && "errors" in body && Array.isArray(body.errors) ? body.errors : [];
  const first: unknown = errors[0];
  const record = typeof first === "object" && first !== null ? (first as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value.slice(0, 500) : null);
  return { title: text(record.title), detail: text(record.details) ?? text(record.detail) };
}

/** What to do about each refusal, for the admin who set up the key. */
export function personaRemedy(status: number): string | null {
  if (status === 401)
    return "Persona refused the API key: create a key in Persona's Dashboard (API > API keys) for this environment and save it with PUT /api/orgs/{org}/persona";
  if (status === 403) {
    return "The API key lacks a permission (or a quota is exceeded): give the key read access to accounts, cases and inquiries (and case write access for tagging) in Persona's Dashboard, API > API keys";
  }
  if (status === 429) return "Persona's rate limit (300 requests/min per environment by default) is exhausted: retry after retryAfterSeconds";
  if (status === 404) return "Persona does not know this path: check that baseUrl ends with /api/v1";
  return null;
}

/**
 * A non-2xx answer as an {@link AppError} keeping Persona's title and status: 401/403 `persona_rejected` (our key
 * is refused: a failed dependency, 424), 429 `persona_rate_limited` (Retry-After from `RateLimit-Reset`), 5xx
 * `persona_unavailable`, any other 4xx `persona_request_failed`.
 */
export function personaError(status: number, body: unknown, requestId: string | null, retryAfterSeconds?: number): AppError {
  const { title, detail } = personaErrorTitle(body);
  const code: ErrorCode =
    status === 401 || status === 403
      ? "persona_rejected"
      : status === 429
        ? "persona_rate_limited"
        : status >= 500
          ? "persona_unavailable"
          : "persona_request_failed";
  const details: Record<string, unknown> = { personaStatus: status, title, detail, personaRequestId: requestId, remedy: personaRemedy(status) };
  if (retryAfterSeconds !== undefined) details.retryAfterSeconds = retryAfterSeconds;
  return new AppError(code, title ? `Persona: ${title}` : `Persona answered ${status}`, details);
}
