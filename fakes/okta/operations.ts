/**
 * The Management API operations the fake serves (docs/okta.md §1.1, plus revokeUserSessions and the System Log's
 * listLogEvents), with the OAuth scope each requires (from the
 * spec's `security`) and the admin-role permissions a service app or API token needs (the ids in parentheses of
 * shared/okta-actions.ts; the conformance tests (test/fakes/okta/catalog.test.ts) check both against that catalog and
 * the spec).
 */

export interface OperationSpec {
  operationId: string;
  method: "GET" | "POST" | "DELETE";
  /** Path template with `{param}` segments. */
  path: string;
  scope: "okta.users.read" | "okta.users.manage" | "okta.authenticators.read" | "okta.logs.read";
  permissions: string[];
}

export const OPERATIONS: readonly OperationSpec[] = [
  { operationId: "listUsers", method: "GET", path: "/api/v1/users", scope: "okta.users.read", permissions: ["okta.users.read"] },
  { operationId: "getUser", method: "GET", path: "/api/v1/users/{id}", scope: "okta.users.read", permissions: ["okta.users.read"] },
  { operationId: "updateUser", method: "POST", path: "/api/v1/users/{id}", scope: "okta.users.manage", permissions: ["okta.users.userprofile.manage"] },
  {
    operationId: "listUserGroups",
    method: "GET",
    path: "/api/v1/users/{id}/groups",
    scope: "okta.users.read",
    permissions: ["okta.users.read", "okta.groups.read"],
  },
  {
    operationId: "activateUser",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/activate",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.activate"],
  },
  {
    operationId: "deactivateUser",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/deactivate",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.deactivate"],
  },
  {
    operationId: "reactivateUser",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/reactivate",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.activate"],
  },
  {
    operationId: "resetFactors",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/reset_factors",
    scope: "okta.users.manage",
    permissions: ["okta.users.credentials.resetFactors"],
  },
  {
    operationId: "suspendUser",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/suspend",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.suspend"],
  },
  {
    operationId: "unsuspendUser",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/unsuspend",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.unsuspend"],
  },
  {
    operationId: "unlockUser",
    method: "POST",
    path: "/api/v1/users/{id}/lifecycle/unlock",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.unlock"],
  },
  {
    operationId: "listAuthenticators",
    method: "GET",
    path: "/api/v1/authenticators",
    scope: "okta.authenticators.read",
    permissions: ["okta.authenticators.read"],
  },
  {
    operationId: "getAuthenticator",
    method: "GET",
    path: "/api/v1/authenticators/{authenticatorId}",
    scope: "okta.authenticators.read",
    permissions: ["okta.authenticators.read"],
  },
  {
    operationId: "createTacAuthenticatorEnrollment",
    method: "POST",
    path: "/api/v1/users/{userId}/authenticator-enrollments/tac",
    scope: "okta.users.manage",
    permissions: ["okta.users.credentials.manageTemporaryAccessCode"],
  },
  {
    operationId: "revokeUserSessions",
    method: "DELETE",
    path: "/api/v1/users/{userId}/sessions",
    scope: "okta.users.manage",
    permissions: ["okta.users.lifecycle.clearSessions"],
  },
  // The System Log. Okta's spec names no admin-role permission for it; the fake asks for
  // okta.logs.read, the permission Okta's standard roles that may read the log (Super, Org, Read-only, Report admin)
  // are described with. Inferred.
  { operationId: "listLogEvents", method: "GET", path: "/api/v1/logs", scope: "okta.logs.read", permissions: ["okta.logs.read"] },
];

export type RouteMatch =
  | { kind: "operation"; operation: OperationSpec; params: Record<string, string> }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

/** Matches a raw (percent-encoded) path; parameters are percent-decoded. */
export function matchOperation(method: string, rawPath: string): RouteMatch {
  const segments = rawPath.split("/");
  let pathMatched = false;
  for (const operation of OPERATIONS) {
    const template = operation.path.split("/");
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < template.length && ok; i++) {
      const part = template[i]!;
      const segment = segments[i]!;
      if (part.startsWith("{")) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          decoded = segment;
        }
        if (segment === "") ok = false;
        else params[part.slice(1, -1)] = decoded;
      } else if (part !== segment) {
        ok = false;
      }
    }
    if (!ok) continue;
    // A literal segment beats a parameter (`/users/{id}/groups` vs nothing else here), so the first match wins.
    pathMatched = true;
    if (operation.method === method) return { kind: "operation", operation, params };
  }
  return pathMatched ? { kind: "method-not-allowed" } : { kind: "not-found" };
}

/**
 * Whether an admin role grants a permission: `true` is super admin; a list grants its ids, and `X.manage` also grants
 * `X.read` and every `X.…` permission under it (e.g. okta.users.manage ⊇ okta.users.lifecycle.suspend).
 */
export function permits(adminRole: boolean | readonly string[], permission: string): boolean {
  if (adminRole === true) return true;
  if (adminRole === false) return false;
  return adminRole.some((granted) => {
    if (granted === permission) return true;
    if (!granted.endsWith(".manage")) return false;
    const prefix = granted.slice(0, -".manage".length);
    return permission === `${prefix}.read` || permission.startsWith(`${prefix}.`);
  });
}
