/**
 * Checks of the control API's inputs that are not about the directory: authenticators, fault rules and rate limits.
 * Each refusal is a ControlError 400 naming the field, so a broken test fixture fails where it is set up.
 */
import { ControlError } from "../shared/control-error";
import { type AuthenticatorRecord, DEFAULT_TAC_CONFIGURATION } from "./authenticators";
import type { FaultKind, FaultRule } from "./faults";
import { newAuthenticatorId } from "./ids";
import type { RateLimitConfig } from "./rate-limit";

export const bad = (message: string) => new ControlError(400, message);

export function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bad(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function authenticator(input: Record<string, unknown>, now: number): AuthenticatorRecord {
  if (typeof input.key !== "string" || typeof input.type !== "string" || typeof input.name !== "string") throw bad("an authenticator needs key, type and name");
  const iso = new Date(now).toISOString();
  const record: AuthenticatorRecord = {
    created: iso,
    lastUpdated: iso,
    ...input,
    id: typeof input.id === "string" ? input.id : newAuthenticatorId(),
    key: input.key,
    type: input.type,
    name: input.name,
    status: input.status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
  };
  if (record.key === "tac" && record.provider === undefined) record.provider = { type: "tac", configuration: { ...DEFAULT_TAC_CONFIGURATION } };
  return record;
}

export function fault(input: Record<string, unknown>): FaultRule {
  const kinds: FaultKind[] = ["429", "500", "502", "503", "hang"];
  const kind = String(input.kind) as FaultKind;
  if (!kinds.includes(kind)) throw bad(`kind must be one of ${kinds.join(", ")}`);
  const count = input.count === undefined ? 1 : input.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1) throw bad("count must be a positive integer");
  if (input.pathPrefix !== undefined && typeof input.pathPrefix !== "string") throw bad("pathPrefix must be a string");
  if (input.method !== undefined && typeof input.method !== "string") throw bad("method must be a string");
  if (input.when !== undefined && input.when !== "before" && input.when !== "after") throw bad('when must be "before" or "after"');
  const resetSeconds = input.resetSeconds === undefined ? 1 : input.resetSeconds;
  if (typeof resetSeconds !== "number" || resetSeconds < 0) throw bad("resetSeconds must be a number ≥ 0");
  return {
    kind,
    count,
    pathPrefix: input.pathPrefix as string | undefined,
    method: input.method as string | undefined,
    when: (input.when as FaultRule["when"] | undefined) ?? "before",
    resetSeconds,
    body: input.body === "json" ? "json" : "html",
  };
}

export function rateLimit(value: unknown): RateLimitConfig {
  const input = object(value, "rate limit");
  const { limit, windowSeconds } = input;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0) throw bad("limit must be an integer ≥ 0");
  if (typeof windowSeconds !== "number" || windowSeconds <= 0) throw bad("windowSeconds must be a number > 0");
  return { limit, windowSeconds };
}
