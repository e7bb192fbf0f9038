import { AppError, type ErrorCode, isAppError } from "../../../shared/errors";

/**
 * What a gate call answers. An AppError does not survive RPC as itself (class identity is lost in structured
 * clone), so a refusal travels as data and is thrown again at the edge, code, message and details intact.
 */
export type GateAnswer<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

/** An AppError as data that survives RPC: its code, message and details (the only form a refusal travels in). */
export function errorData(error: AppError): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
  return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}

/** Runs `work` inside the gate; an unexpected error is logged for operators (name and message only) and answered opaquely. */
export async function answer<T>(work: () => Promise<T>): Promise<GateAnswer<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isAppError(error)) return { ok: false, error: errorData(error) };
    console.error(JSON.stringify({ level: "error", where: "gate", error: error instanceof Error ? `${error.name}: ${error.message}` : "non-error thrown" }));
    return { ok: false, error: { code: "internal_error", message: "internal error" } };
  }
}

/** At the edge: the value, or the gate's refusal thrown as the AppError it was. */
export function unwrap<T>(result: GateAnswer<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.details);
}
