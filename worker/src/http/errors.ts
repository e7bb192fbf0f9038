import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type ErrorBody } from "../../../shared/errors";
import type { AppContext, HonoEnv } from "./context";

/** The single place failures become HTTP: `{ error: { code, message, requestId } }` with the code's status. */
export const onError: ErrorHandler<HonoEnv> = (error, c) => {
  const requestId = c.get("requestId") ?? "unknown";
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (error instanceof HTTPException && error.status === 413) {
    appError = new AppError("payload_too_large", "request body is too large");
  } else if (error instanceof HTTPException && error.status < 500) {
    appError = new AppError("invalid_request", error.message || "bad request");
  } else {
    // Unexpected: log the error's name and message for operators (no request data), answer opaquely.
    console.error(JSON.stringify({ level: "error", requestId, error: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown" }));
    appError = new AppError("internal_error", "internal error");
  }
  return errorResponse(c, appError);
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
