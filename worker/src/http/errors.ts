import type { ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type ErrorBody } from "../../../shared/errors";
import type { HonoEnv } from "./context";

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
  const body: ErrorBody = {
    error: { code: appError.code, message: appError.message, requestId, ...(appError.details ? { details: appError.details } : {}) },
  };
  // Rate limits (ours or Okta's) tell the client when to come back.
  const retryAfter = appError.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") c.header("retry-after", String(retryAfter));
  return c.json(body, appError.status as never);
};

export const onNotFound: NotFoundHandler<HonoEnv> = () => {
  throw new AppError("route_not_found", "no such route");
};
