/** What the control API's handlers (control-api.ts, control-inquiry-flow.ts) refuse a body with: a 400. */
import { ControlError } from "../shared/control-error";

export const bad = (message: string) => new ControlError(400, message);

/** `value` as a JSON object, or a 400 naming `what`. */
export function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}
