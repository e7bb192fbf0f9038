/**
 * The System Log events the fake's Management API writes when an operation changes something, as Okta does: the
 * actor is the caller (an API service app appears as a `PublicClientApp` actor with its client id, an SSWS API token as
 * the admin user who owns it, with `transaction.detail.requestApiTokenId`), `client` carries the caller's IP address
 * and user agent, `transaction.id` is the request's `X-Okta-Request-Id`, and `target` the user (and, for a temporary
 * access code, the enrollment). Only operations that succeed are logged.
 *
 * Event types (Okta's event-types catalog, developer.okta.com/docs/reference/api/event-types/):
 * `user.lifecycle.activate|deactivate|reactivate|suspend|unsuspend`, `user.account.unlock_by_admin` (an admin unlock;
 * `user.account.unlock` is the user's own), `user.mfa.factor.reset_all`, `user.account.update_profile`,
 * `user.account.update_password`, `user.session.clear` (all sessions revoked by an admin). Okta does not document which type a temporary access code created by an admin
 * writes; the fake uses `user.mfa.factor.activate` (an authenticator enrollment becoming active).
 */
import { randomUUID } from "node:crypto";
import type { Principal } from "./api-auth";
import type { LifecycleOperation } from "./lifecycle";
import { ipChainOf, type LogActor, type LogClient, type LogEvent, type LogTarget } from "./log-event";
import type { Org } from "./org";
import type { UserRecord } from "./users";

/** What the log needs to know about the request that caused an event. */
export interface ApiCaller {
  principal: Principal;
  requestId: string;
  method: string;
  path: string;
  search: string;
  clientIp?: string;
  userAgent?: string;
  nowMs: number;
}

export const LIFECYCLE_EVENTS: Record<LifecycleOperation, { eventType: string; displayMessage: string }> = {
  activate: { eventType: "user.lifecycle.activate", displayMessage: "Activate Okta user" },
  deactivate: { eventType: "user.lifecycle.deactivate", displayMessage: "Deactivate Okta user" },
  reactivate: { eventType: "user.lifecycle.reactivate", displayMessage: "Reactivate Okta user" },
  suspend: { eventType: "user.lifecycle.suspend", displayMessage: "Suspend Okta user" },
  unsuspend: { eventType: "user.lifecycle.unsuspend", displayMessage: "Unsuspend Okta user" },
  unlock: { eventType: "user.account.unlock_by_admin", displayMessage: "Unlock user account by admin" },
  reset_factors: { eventType: "user.mfa.factor.reset_all", displayMessage: "Reset all factors for user" },
};

export const UPDATE_PROFILE_EVENT = { eventType: "user.account.update_profile", displayMessage: "Update user profile for Okta" };
export const UPDATE_PASSWORD_EVENT = { eventType: "user.account.update_password", displayMessage: "Update password for user" };
export const CLEAR_SESSIONS_EVENT = { eventType: "user.session.clear", displayMessage: "Clear user session" };
export const TAC_EVENT = { eventType: "user.mfa.factor.activate", displayMessage: "Activate factor or authenticator" };

export function userTarget(user: UserRecord): LogTarget {
  const { login, firstName, lastName } = user.profile as { login: string; firstName?: unknown; lastName?: unknown };
  const name = [firstName, lastName].filter((part) => typeof part === "string" && part !== "").join(" ");
  return { id: user.id, type: "User", alternateId: login, displayName: name === "" ? login : name };
}

export function actorOf(principal: Principal): LogActor {
  if (principal.kind === "apiToken") {
    const { owner } = principal.token;
    return { id: owner.id, type: "User", alternateId: owner.login, displayName: owner.displayName };
  }
  const clientId = principal.token.clientId;
  return { id: clientId, type: "PublicClientApp", alternateId: clientId, displayName: principal.client?.name ?? clientId };
}

/** The browsers and operating systems Okta recognizes in a user agent, first match wins (Edge's also says Chrome). */
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "EDGE"],
  [/Firefox\//, "FIREFOX"],
  [/Chrome\//, "CHROME"],
  [/Safari\//, "SAFARI"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Mac OS X/, "Mac OS X"],
  [/Windows/, "Windows"],
  [/Android/, "Android"],
  [/Linux/, "Linux"],
];

/** Okta names the browser and OS it recognizes in the user agent, and says UNKNOWN/Unknown otherwise. */
function userAgentOf(raw: string | undefined): NonNullable<LogClient["userAgent"]> {
  const value = raw ?? "UNKNOWN";
  const recognize = (table: [RegExp, string][], otherwise: string) => table.find(([pattern]) => pattern.test(value))?.[1] ?? otherwise;
  return { rawUserAgent: value, os: recognize(SYSTEMS, "Unknown"), browser: recognize(BROWSERS, "UNKNOWN") };
}

/** Builds the event of an operation the caller just performed (a loopback address has no geographical context). */
export function apiEvent(caller: ApiCaller, kind: { eventType: string; displayMessage: string }, target: LogTarget[]): LogEvent {
  const ip = caller.clientIp;
  const client: LogClient = {
    userAgent: userAgentOf(caller.userAgent),
    device: "Unknown",
    ...(ip === undefined ? {} : { ipAddress: ip }),
    ...(caller.principal.kind === "oauth" ? { id: caller.principal.token.clientId } : {}),
  };
  const detail = caller.principal.kind === "apiToken" ? { requestApiTokenId: caller.principal.token.id } : {};
  return {
    uuid: randomUUID(),
    published: new Date(caller.nowMs).toISOString(),
    eventType: kind.eventType,
    version: "0",
    severity: "INFO",
    displayMessage: kind.displayMessage,
    actor: actorOf(caller.principal),
    client,
    authenticationContext: { authenticationStep: 0, externalSessionId: "unknown" },
    outcome: { result: "SUCCESS" },
    target,
    transaction: { type: "WEB", id: caller.requestId, detail },
    debugContext: { debugData: { requestId: caller.requestId, requestUri: caller.path, url: `${caller.path}${caller.search}` } },
    securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    request: { ipChain: ipChainOf(ip) },
  };
}

export function recordApiEvents(org: Org, caller: ApiCaller, events: { kind: { eventType: string; displayMessage: string }; target: LogTarget[] }[]): void {
  if (events.length > 0)
    org.logs.append(
      events.map(({ kind, target }) => apiEvent(caller, kind, target)),
      caller.nowMs,
    );
}
