import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type ErrorBody } from "../../../shared/errors";
import type { AppContext, HonoEnv } from "./context";

/**
 * What a thrown failure means to the client, or null for an unexpected one (a bug). The request validators of
 * @hono/zod-openapi (http/openapi.ts) throw HTTPExceptions for a body that is not declared JSON (415) or not
 * well-formed (400): they answer the codes a route's own checks always gave.
 */
export function appErrorOf(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (!(error instanceof HTTPException) || error.status >= 500) return null;
  if (error.status === 413) return new AppError("payload_too_large", "request body is too large");
  if (error.status === 415) return new AppError("invalid_request", "Content-Type must be application/json");
  if (error.status === 400 && /malformed json/i.test(error.message)) return new AppError("invalid_json", "request body is not valid JSON");
  return new AppError("invalid_request", error.message || "bad request");
}

/** The single place failures become HTTP: `{ error: { code, message, requestId } }` with the code's status. */
export const onError: ErrorHandler<HonoEnv> = (error, c) => {
  const known = appErrorOf(error);
  if (known) return errorResponse(c, known);
  // Unexpected: log the error's name and message for operators (no request data), answer opaquely.
  const requestId = c.get("requestId") ?? "unknown";
  console.error(JSON.stringify({ level: "error", requestId, error: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown" }));
  return errorResponse(c, new AppError("internal_error", "internal error"));
};

/**
 * The one error envelope, `{ error: { code, message, requestId, details? } }` ({@link ErrorBody}), with the code's
 * status; every JSON failure goes through here, the ACS's terse refusals too.
 */
export function errorResponse(c: AppContext, error: AppError): Response {
  const requestId = c.get("requestId") ?? "unknown";
  const body: ErrorBody = { error: { code: error.code, message: error.message, requestId, ...(error.details ? { details: error.details } : {}) } };
  // Rate limits (ours or Okta's) tell the client when to come back.
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") c.header("retry-after", String(retryAfter));
  return c.json(body, error.status as never);
}

export const onNotFound: NotFoundHandler<HonoEnv> = () => {
  throw new AppError("route_not_found", "no such route");
};
