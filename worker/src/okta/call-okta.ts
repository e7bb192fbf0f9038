import { AppError } from "../../../shared/errors";
import { OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import type { RateLimitBook } from "../net/rate-limit-book";
import { throwIfOktaError } from "./okta-errors";
import { type OktaAuth, type OktaResponse, oktaRequest } from "./okta-request";
import type { DpopState } from "./token-client";
import type { OktaAmbient } from "./upstream";

/** A usable Okta credential of an organization: where its Okta org is and how to authorise for a scope. */
export type OktaConnection = {
  credentialId: string;
  orgUrl: string;
  /** The admin console this credential's org is administered in (the overlay acts only there); null if unknown. */
  adminConsoleHost: string | null;
  /** Authorisation for exactly this scope (least privilege: one token per scope set). */
  auth(scope: string): OktaAuth;
  /** For API Service credentials: whether Okta requires DPoP-bound tokens (learnt at the first token request). */
  dpop?: DpopState;
  /** The organization's book of Okta's rate-limit buckets (okta-state.ts). */
  rateLimits: RateLimitBook;
};

/** Every proxied action ends within this budget (retries and rate-limit waits included): under 30 s. */
export const ACTION_DEADLINE_MS = 25_000;

/**
 * Performs one catalogued action on Okta: the path from the catalog with each parameter URL-encoded (a login
 * containing `/` cannot change the path), the catalog's scope, its idempotency for retries, its rate-limit bucket.
 * Throws the mapped {@link AppError} when Okta refuses.
 */
export async function callOkta(
  connection: OktaConnection,
  action: OktaAction,
  request: { params?: Record<string, string>; query?: URLSearchParams; body?: unknown },
  ambient: OktaAmbient,
): Promise<OktaResponse> {
  const spec = OKTA_ACTIONS[action];
  // encodeURIComponent leaves "." and "..", and fetch's URL parser resolves them as dot segments:
  // users/../groups would become Okta's /api/v1/groups. No Okta ID or login is a bare dot segment.
  for (const value of Object.values(request.params ?? {})) {
    if (value === "." || value === "..") throw new AppError("invalid_request", "an Okta user ID or login");
  }
  const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.params?.[name] ?? ""));
  const query = request.query && [...request.query.keys()].length > 0 ? `?${request.query.toString()}` : "";
  const response = await oktaRequest({
    auth: connection.auth(spec.scope),
    url: `${connection.orgUrl}${path}${query}`,
    method: spec.method,
    ...(request.body === undefined ? {} : { body: request.body }),
    idempotent: spec.idempotent,
    bucket: `${connection.credentialId}|${spec.method} ${spec.path}`,
    rateLimits: connection.rateLimits,
    ambient,
    deadlineMs: ambient.nowMs() + ACTION_DEADLINE_MS,
  });
  throwIfOktaError(response, action);
  return response;
}
