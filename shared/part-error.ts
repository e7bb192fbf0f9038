import { isAppError } from "./errors";
import type { PartError } from "./persona";

/**
 * A failure of one half of a composite answer (the user context), reported inside the 200 instead of failing the
 * whole: our code, message and safe details, exactly as the error body would carry them. An unexpected error is
 * logged for operators and reported opaquely, like the error handler does.
 */
export function toPartError(error: unknown, requestId: string): PartError {
  if (isAppError(error)) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  console.error(JSON.stringify({ level: "error", requestId, error: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown" }));
  return { code: "internal_error", message: "internal error" };
}
