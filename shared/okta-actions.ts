import { z } from "zod";
import type { Role } from "./roles";

/**
 * Every Okta operation the worker proxies, declared once: the route name (also the audit action name), the Okta
 * request, the least-privilege OAuth scope (checked against Okta's published Management API spec by a test,
 * docs/okta.md §1.1), the least role of ours, and the Okta admin-role permission an admin must grant the service app.
 *
 * `idempotent` says whether a request that may have reached Okta can be retried: only GETs. A 429 is always
 * retryable (Okta refused it before doing anything).
 */
export const OKTA_ACTIONS = {
  retrieve: {
    method: "GET",
    path: "/api/v1/users/{userId}",
    operationId: "getUser",
    scope: "okta.users.read",
    role: "viewer",
    permission: "User > View users and their details (okta.users.read)",
    idempotent: true,
  },
  update: {
    method: "POST",
    path: "/api/v1/users/{userId}",
    operationId: "updateUser",
    scope: "okta.users.manage",
    role: "admin",
    permission: "User > Edit users' profile attributes (okta.users.userprofile.manage)",
    idempotent: false,
  },
  list_groups: {
    method: "GET",
    path: "/api/v1/users/{userId}/groups",
    operationId: "listUserGroups",
    scope: "okta.users.read",
    role: "viewer",
    permission: "User > View users and their details (okta.users.read); Group > View groups and their details (okta.groups.read)",
    idempotent: true,
  },
  search: {
    method: "GET",
    path: "/api/v1/users",
    operationId: "listUsers",
    scope: "okta.users.read",
    role: "viewer",
    permission: "User > View users and their details (okta.users.read)",
    idempotent: true,
  },
  activate: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/activate",
    operationId: "activateUser",
    scope: "okta.users.manage",
    role: "admin",
    permission: "User > Edit users' lifecycle states > Activate users (okta.users.lifecycle.activate)",
    idempotent: false,
  },
  deactivate: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/deactivate",
    operationId: "deactivateUser",
    scope: "okta.users.manage",
    role: "admin",
    permission: "User > Edit users' lifecycle states > Deactivate users (okta.users.lifecycle.deactivate)",
    idempotent: false,
  },
  reactivate: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/reactivate",
    operationId: "reactivateUser",
    scope: "okta.users.manage",
    role: "admin",
    permission: "User > Edit users' lifecycle states > Activate users (okta.users.lifecycle.activate)",
    idempotent: false,
  },
  reset_factors: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/reset_factors",
    operationId: "resetFactors",
    scope: "okta.users.manage",
    role: "operator",
    permission: "User > Reset users' authenticators (okta.users.credentials.resetFactors)",
    idempotent: false,
  },
  suspend: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/suspend",
    operationId: "suspendUser",
    scope: "okta.users.manage",
    role: "operator",
    permission: "User > Edit users' lifecycle states > Suspend users (okta.users.lifecycle.suspend)",
    idempotent: false,
  },
  unsuspend: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/unsuspend",
    operationId: "unsuspendUser",
    scope: "okta.users.manage",
    role: "operator",
    permission: "User > Edit users' lifecycle states > Unsuspend users (okta.users.lifecycle.unsuspend)",
    idempotent: false,
  },
  unlock: {
    method: "POST",
    path: "/api/v1/users/{userId}/lifecycle/unlock",
    operationId: "unlockUser",
    scope: "okta.users.manage",
    role: "operator",
    permission: "User > Edit users' lifecycle states > Unlock users (okta.users.lifecycle.unlock)",
    idempotent: false,
  },
  list_authenticators: {
    method: "GET",
    path: "/api/v1/authenticators",
    operationId: "listAuthenticators",
    scope: "okta.authenticators.read",
    role: "viewer",
    permission: "Security > Authenticators > View authenticators (okta.authenticators.read)",
    idempotent: true,
  },
  get_authenticator: {
    method: "GET",
    path: "/api/v1/authenticators/{authenticatorId}",
    operationId: "getAuthenticator",
    scope: "okta.authenticators.read",
    role: "viewer",
    permission: "Security > Authenticators > View authenticators (okta.authenticators.read)",
    idempotent: true,
  },
  temporary_access_code: {
    method: "POST",
    path: "/api/v1/users/{userId}/authenticator-enrollments/tac",
    operationId: "createTacAuthenticatorEnrollment",
    scope: "okta.users.manage",
    role: "operator",
    permission: "User > Edit users' authenticator operations > Manage user's temporary access code (okta.users.credentials.manageTemporaryAccessCode)",
    idempotent: false,
  },
  clear_sessions: {
    method: "DELETE",
    path: "/api/v1/users/{userId}/sessions",
    operationId: "revokeUserSessions",
    scope: "okta.users.manage",
    role: "operator",
    permission: "User > Edit users' lifecycle states > Clear user sessions (okta.users.lifecycle.clearSessions)",
    idempotent: false,
  },
  read_logs: {
    method: "GET",
    path: "/api/v1/logs",
    operationId: "listLogEvents",
    scope: "okta.logs.read",
    role: "viewer",
    permission: "Reports > View System Log, included in the Report, Read-only, Org and Super admin roles (okta.logs.read)",
    idempotent: true,
  },
} as const satisfies Record<string, OktaActionSpec>;

export type OktaActionSpec = {
  method: "GET" | "POST" | "DELETE";
  path: string;
  operationId: string;
  scope: "okta.users.read" | "okta.users.manage" | "okta.authenticators.read" | "okta.logs.read";
  role: Role;
  permission: string;
  idempotent: boolean;
};

export type OktaAction = keyof typeof OKTA_ACTIONS;
export const OktaActionSchema = z.enum(Object.keys(OKTA_ACTIONS) as [OktaAction, ...OktaAction[]]);

/** The lifecycle transitions, as they appear in `POST …/lifecycle/{name}`. */
export const LIFECYCLE_ACTIONS = ["activate", "deactivate", "reactivate", "reset_factors", "suspend", "unsuspend", "unlock"] as const;
export const LifecycleActionSchema = z.enum(LIFECYCLE_ACTIONS);
export type LifecycleAction = z.infer<typeof LifecycleActionSchema>;

/** Okta's `_links` relation of a user that offers each lifecycle action (docs/okta.md §1.2). */
export const LIFECYCLE_LINK: Record<LifecycleAction, string> = {
  activate: "activate",
  deactivate: "deactivate",
  reactivate: "reactivate",
  reset_factors: "resetFactors",
  suspend: "suspend",
  unsuspend: "unsuspend",
  unlock: "unlock",
};

/** Every distinct scope the worker may request. */
export const OKTA_SCOPES = [...new Set(Object.values(OKTA_ACTIONS).map((action) => action.scope))];
