/**
 * The user lifecycle state machine of docs/okta.md §1.3 and §1.2 (`POST /api/v1/users/{id}/lifecycle/{action}`). Each
 * function checks the status it may start from, changes the record, and returns Okta's response body; a refused
 * transition throws the error Okta answers with. Where Okta documents no error, the choice is marked "undocumented"
 * (see README).
 */
import { E } from "./errors";
import { opaque } from "./ids";
import { hasFactors, RESET_FACTORS_STATUSES, type UserRecord, type UserStatus } from "./users";

export interface LifecycleContext {
  orgUrl: string;
  nowMs: number;
  /** > 0: activation and deactivation are asynchronous for this long (`transitioningToStatus`). */
  transitionDelayMs: number;
  /** Undocumented case: what `reset_factors` does for a user with no factor enrolled. */
  resetFactorsWithoutFactors: "error" | "ok";
}

export const LIFECYCLE_OPERATIONS = ["activate", "deactivate", "reactivate", "reset_factors", "suspend", "unsuspend", "unlock"] as const;
export type LifecycleOperation = (typeof LIFECYCLE_OPERATIONS)[number];

export function runLifecycle(user: UserRecord, operation: LifecycleOperation, query: URLSearchParams, ctx: LifecycleContext): Record<string, unknown> {
  switch (operation) {
    case "activate":
      return activate(user, booleanParam(query, "sendEmail", true), ctx);
    case "deactivate":
      return deactivate(user, ctx);
    case "reactivate":
      return reactivate(user, booleanParam(query, "sendEmail", false), ctx);
    case "reset_factors":
      return resetFactors(user, ctx);
    case "suspend":
      return suspend(user, ctx);
    case "unsuspend":
      return unsuspend(user, ctx);
    case "unlock":
      return unlock(user, ctx);
  }
}

/** Completes an asynchronous transition once its time has come (called before every read of the user). */
export function settle(user: UserRecord, nowMs: number): void {
  if (user.transitioningToStatus !== undefined && user.pendingUntilMs !== undefined && nowMs >= user.pendingUntilMs) {
    const target = user.transitioningToStatus;
    user.transitioningToStatus = undefined;
    user.pendingUntilMs = undefined;
    setStatus(user, target, nowMs);
  }
}

function setStatus(user: UserRecord, status: UserStatus, nowMs: number): void {
  const iso = new Date(nowMs).toISOString();
  user.status = status;
  user.statusChanged = iso;
  user.lastUpdated = iso;
  if (status === "ACTIVE" && user.activated === null) user.activated = iso;
}

function transition(user: UserRecord, target: "ACTIVE" | "DEPROVISIONED" | "PROVISIONED", ctx: LifecycleContext): void {
  if (ctx.transitionDelayMs > 0) {
    user.transitioningToStatus = target;
    user.pendingUntilMs = ctx.nowMs + ctx.transitionDelayMs;
    user.lastUpdated = new Date(ctx.nowMs).toISOString();
  } else {
    setStatus(user, target, ctx.nowMs);
  }
}

function activationToken(ctx: LifecycleContext): Record<string, unknown> {
  const token = opaque(15);
  // Identity Engine orgs: https://{yourOktaDomain}/tokens/{activationToken}/verify (spec, UserActivationToken).
  return { activationToken: token, activationUrl: `${ctx.orgUrl}/tokens/${token}/verify` };
}

/**
 * STAGED or DEPROVISIONED only; any other status answers 403 E0000016 (Okta documents it for ACTIVE; the fake uses it
 * for every status activation does not start from). A user with a password becomes ACTIVE, one without becomes
 * PROVISIONED (they must finish the activation flow). The token comes back only with `sendEmail=false`.
 */
function activate(user: UserRecord, sendEmail: boolean, ctx: LifecycleContext): Record<string, unknown> {
  if (user.status !== "STAGED" && user.status !== "DEPROVISIONED") throw E.alreadyActive();
  transition(user, user.hasPassword ? "ACTIVE" : "PROVISIONED", ctx);
  return sendEmail ? {} : activationToken(ctx);
}

/** Any status but DEPROVISIONED. On a DEPROVISIONED user Okta's answer is undocumented; the fake answers 404 E0000007. */
function deactivate(user: UserRecord, ctx: LifecycleContext): Record<string, unknown> {
  if (user.status === "DEPROVISIONED") throw E.userNotFound(user.id);
  user.tac = undefined;
  transition(user, "DEPROVISIONED", ctx);
  return {};
}

/** PROVISIONED or RECOVERY only (else 403 E0000038): restarts activation; the user is PROVISIONED until they finish. */
function reactivate(user: UserRecord, sendEmail: boolean, ctx: LifecycleContext): Record<string, unknown> {
  if (user.status !== "PROVISIONED" && user.status !== "RECOVERY") throw E.wrongStatus();
  if (user.status !== "PROVISIONED") setStatus(user, "PROVISIONED", ctx.nowMs);
  else user.lastUpdated = new Date(ctx.nowMs).toISOString();
  return sendEmail ? {} : activationToken(ctx);
}

/**
 * Resets every enrolled factor (and the temporary access code); the status does not change. Undocumented cases: a
 * status without the relation (STAGED, PROVISIONED, DEPROVISIONED) answers 403 E0000038; a user with no factor
 * answers 400 E0000001 unless the org option says `ok`.
 */
function resetFactors(user: UserRecord, ctx: LifecycleContext): Record<string, unknown> {
  if (!RESET_FACTORS_STATUSES.includes(user.status)) throw E.wrongStatus();
  if (!hasFactors(user) && ctx.resetFactorsWithoutFactors === "error") {
    throw E.validation("resetFactors", ["The user has no enrolled factors to reset."]);
  }
  user.factorsEnrolled = 0;
  user.tac = undefined;
  user.lastUpdated = new Date(ctx.nowMs).toISOString();
  return {};
}

/** ACTIVE only; otherwise 400 E0000001 with a cause (the old Users API docs). */
function suspend(user: UserRecord, ctx: LifecycleContext): Record<string, unknown> {
  if (user.status !== "ACTIVE") throw E.validation("suspend", ["Cannot suspend a user that is not active"]);
  setStatus(user, "SUSPENDED", ctx.nowMs);
  return {};
}

/** SUSPENDED only; otherwise 400 E0000001. */
function unsuspend(user: UserRecord, ctx: LifecycleContext): Record<string, unknown> {
  if (user.status !== "SUSPENDED") throw E.validation("unsuspend", ["Cannot unsuspend a user that is not suspended"]);
  setStatus(user, "ACTIVE", ctx.nowMs);
  return {};
}

/** LOCKED_OUT only; otherwise 403 E0000032 (Okta's catalog entry for this case). */
function unlock(user: UserRecord, ctx: LifecycleContext): Record<string, unknown> {
  if (user.status !== "LOCKED_OUT") throw E.unlockForbidden();
  setStatus(user, "ACTIVE", ctx.nowMs);
  return {};
}

/** `?sendEmail=`: absent → the default; `true`/`false` (any case) → that; anything else → 400 E0000001. */
function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  if (value === null) return fallback;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw E.validation(name, [`${name}: The value must be a boolean.`]);
}
