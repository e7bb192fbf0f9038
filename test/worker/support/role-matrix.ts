/**
 * The one role matrix: every organization route (`/api/orgs/{org}/…`) with the least role it allows, stated here
 * independently of the code and the action catalog, and how to call it. Two suites run it:
 * - `okta`: test/worker/okta/proxy.access.security.test.ts, against an organization connected to a fake Okta
 *   (allowed calls reach Okta or answer 2xx);
 * - `config`: test/worker/routes/authz.security.test.ts, configuration routes called with harmless or unknown
 *   targets (allowed calls get past authorization; nothing is really changed).
 * test/worker/routes/role-matrix-coverage.test.ts checks that it names every such route of /openapi.json once.
 */
import type { LifecycleAction, OktaAction } from "../../../shared/okta-actions";
import type { Role } from "../../../shared/roles";
import type { OktaFixture } from "../okta/support";
import { api, BOOTSTRAP } from "./api";

export const ORIGIN = { origin: "https://companion.test" };
export const ROLES = ["viewer", "operator", "admin"] as const;

/** What a route names: our organization and the Okta objects in its path. */
export type Target = { org: string; user: string; authenticator: string; credential: string; apiKey: string };

export type Route = {
  name: string;
  /** Which suite runs it (see above). */
  suite: "okta" | "config";
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route as /openapi.json names it. */
  template: string;
  path: (t: Target) => string;
  body?: unknown;
  /** The least role allowed, stated here independently of the catalog (a test checks that the catalog agrees). */
  minRole: Role;
  /** For proxied Okta actions: the catalog action (audited) and the Okta operation an allowed call ends in. */
  okta?: { action: OktaAction; operationId: string; targetsUser: boolean };
};

const LIFECYCLE: Array<[LifecycleAction, Role, string]> = [
  ["activate", "admin", "activateUser"],
  ["deactivate", "admin", "deactivateUser"],
  ["reactivate", "admin", "reactivateUser"],
  ["reset_factors", "operator", "resetFactors"],
  ["suspend", "operator", "suspendUser"],
  ["unsuspend", "operator", "unsuspendUser"],
  ["unlock", "operator", "unlockUser"],
];

/** The concrete path of `template` for target `t` (`{action}` is given, the rest come from the target). */
function fill(template: string, t: Target, action = "", params: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    org: t.org,
    userId: t.user,
    authenticatorId: t.authenticator,
    id: t.credential,
    keyId: t.apiKey,
    kid: "kid-unknown",
    ruleId: "rule_unknown",
    action,
    ...params,
  };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
}

/** `params`: path values other than the target's (a well-formed ID, so the role is what decides). */
type Entry = Omit<Route, "name" | "path"> & { query?: string; action?: string; params?: Record<string, string> };
const entry = (spec: Entry): Route => ({
  ...spec,
  name: `${spec.method} ${spec.template.replace("/api/orgs/{org}/", "").replace("{action}", spec.action ?? "{action}")}`,
  path: (t) => `${fill(spec.template, t, spec.action, spec.params)}${spec.query ?? ""}`,
});

const O = "/api/orgs/{org}";
const UNKNOWN_VERIFICATION = "ver_0123456789abcdef01234567";

export const ROUTES: Route[] = [
  entry({
    suite: "okta",
    method: "GET",
    template: `${O}/okta/users`,
    query: "?q=ada",
    minRole: "viewer",
    okta: { action: "search", operationId: "listUsers", targetsUser: false },
  }),
  entry({
    suite: "okta",
    method: "GET",
    template: `${O}/okta/users/{userId}`,
    minRole: "viewer",
    okta: { action: "retrieve", operationId: "getUser", targetsUser: true },
  }),
  entry({
    suite: "okta",
    method: "POST",
    template: `${O}/okta/users/{userId}`,
    body: { profile: { title: "Analyst" } },
    minRole: "admin",
    okta: { action: "update", operationId: "updateUser", targetsUser: true },
  }),
  entry({
    suite: "okta",
    method: "GET",
    template: `${O}/okta/users/{userId}/groups`,
    minRole: "viewer",
    okta: { action: "list_groups", operationId: "listUserGroups", targetsUser: true },
  }),
  ...LIFECYCLE.map(([action, minRole, operationId]) =>
    entry({
      suite: "okta",
      method: "POST",
      template: `${O}/okta/users/{userId}/lifecycle/{action}`,
      action,
      minRole,
      okta: { action, operationId, targetsUser: true },
    }),
  ),
  entry({
    suite: "okta",
    method: "GET",
    template: `${O}/okta/authenticators`,
    minRole: "viewer",
    okta: { action: "list_authenticators", operationId: "listAuthenticators", targetsUser: false },
  }),
  entry({
    suite: "okta",
    method: "GET",
    template: `${O}/okta/authenticators/{authenticatorId}`,
    minRole: "viewer",
    okta: { action: "get_authenticator", operationId: "getAuthenticator", targetsUser: false },
  }),
  entry({
    suite: "okta",
    method: "POST",
    template: `${O}/okta/users/{userId}/temporary-access-code`,
    body: { ttlMinutes: 60 },
    minRole: "operator",
    okta: { action: "temporary_access_code", operationId: "createTacAuthenticatorEnrollment", targetsUser: true },
  }),
  entry({
    suite: "okta",
    method: "POST",
    template: `${O}/okta/users/{userId}/sessions/clear`,
    body: { oauthTokens: true },
    minRole: "operator",
    okta: { action: "clear_sessions", operationId: "revokeUserSessions", targetsUser: true },
  }),
  entry({ suite: "okta", method: "GET", template: `${O}/okta/users/{userId}/context`, minRole: "viewer" }),
  entry({ suite: "okta", method: "GET", template: `${O}/audit`, minRole: "operator" }),
  entry({ suite: "okta", method: "POST", template: `${O}/credentials/{id}/test`, minRole: "admin" }),
  entry({ suite: "okta", method: "GET", template: `${O}/api-keys`, minRole: "admin" }),
  entry({ suite: "okta", method: "POST", template: `${O}/api-keys`, body: { name: "ci", role: "viewer" }, minRole: "admin" }),
  entry({ suite: "okta", method: "DELETE", template: `${O}/api-keys/{keyId}`, minRole: "admin" }),
  // Configuration: called with harmless bodies or unknown targets.
  entry({ suite: "config", method: "GET", template: `${O}/scim/tokens`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/scim/tokens`, minRole: "admin" }),
  entry({ suite: "config", method: "DELETE", template: `${O}/scim/tokens/{tokenId}`, params: { tokenId: "scim_unknown" }, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: O, minRole: "admin" }),
  entry({ suite: "config", method: "PATCH", template: O, body: { defaultRole: "viewer" }, minRole: "admin" }),
  // A form route: the matrix's JSON body is refused (400) once the caller is allowed.
  entry({ suite: "config", method: "POST", template: `${O}/extension-ids`, body: { id: "x" }, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/sso`, minRole: "admin" }),
  entry({ suite: "config", method: "PUT", template: `${O}/sso`, body: { metadataXml: "<x/>" }, minRole: "admin" }),
  entry({ suite: "config", method: "PATCH", template: `${O}/sso`, body: { singleLogout: false }, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/users`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/users`, body: { email: "new@example.com", role: "viewer" }, minRole: "admin" }),
  entry({ suite: "config", method: "PATCH", template: `${O}/users/{userId}`, body: { role: "viewer" }, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/log`, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/audit/verify`, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/credentials`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/credentials`, body: { type: "okta_api_key" }, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/credentials/{id}`, minRole: "admin" }),
  entry({ suite: "config", method: "DELETE", template: `${O}/credentials/{id}`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/credentials/{id}/keys`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/credentials/{id}/keys/{kid}/activate`, minRole: "admin" }),
  entry({ suite: "config", method: "DELETE", template: `${O}/credentials/{id}/keys/{kid}`, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/persona`, minRole: "admin" }),
  entry({ suite: "config", method: "PUT", template: `${O}/persona`, body: { apiKey: "" }, minRole: "admin" }),
  entry({ suite: "config", method: "PATCH", template: `${O}/persona`, body: {}, minRole: "admin" }),
  entry({ suite: "config", method: "DELETE", template: `${O}/persona`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/persona/test`, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/persona/webhook`, minRole: "admin" }),
  entry({ suite: "config", method: "PUT", template: `${O}/persona/webhook`, body: { secrets: [] }, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/persona/rules`, minRole: "admin" }),
  entry({ suite: "config", method: "POST", template: `${O}/persona/rules`, body: { name: "" }, minRole: "admin" }),
  entry({ suite: "config", method: "DELETE", template: `${O}/persona/rules/{ruleId}`, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/verification`, minRole: "admin" }),
  entry({ suite: "config", method: "PUT", template: `${O}/verification`, body: { templateId: "not-a-template" }, minRole: "admin" }),
  entry({ suite: "config", method: "DELETE", template: `${O}/verification`, minRole: "admin" }),
  entry({ suite: "config", method: "GET", template: `${O}/okta/event-hook`, minRole: "admin" }),
  entry({ suite: "config", method: "PUT", template: `${O}/okta/event-hook`, body: { secrets: ["short"] }, minRole: "admin" }),
  entry({
    suite: "okta",
    method: "GET",
    template: `${O}/okta/users/{userId}/timeline`,
    minRole: "viewer",
    okta: { action: "read_logs", operationId: "listLogEvents", targetsUser: true },
  }),
  entry({ suite: "config", method: "GET", template: `${O}/okta/users/{userId}/evidence`, minRole: "operator" }),
  // Verified recovery: the organization has no policy here, so a start that passes authorization is a 409.
  entry({ suite: "config", method: "POST", template: `${O}/okta/users/{userId}/verifications`, minRole: "operator" }),
  entry({ suite: "config", method: "GET", template: `${O}/okta/users/{userId}/verifications`, minRole: "operator" }),
  entry({ suite: "config", method: "GET", template: `${O}/okta/users/{userId}/verifications/{id}`, params: { id: UNKNOWN_VERIFICATION }, minRole: "operator" }),
  entry({
    suite: "config",
    method: "DELETE",
    template: `${O}/okta/users/{userId}/verifications/{id}`,
    params: { id: UNKNOWN_VERIFICATION },
    minRole: "operator",
  }),
];

export function call(route: Route, t: Target, headers: Record<string, string>, options: { body?: unknown; query?: string } = {}): Promise<Response> {
  let path = route.path(t);
  if (options.query) path += `${path.includes("?") ? "&" : "?"}${options.query}`;
  const body = "body" in options ? options.body : route.body;
  return api(path, { method: route.method, headers: { ...headers, ...(route.method === "GET" ? {} : ORIGIN) }, ...(body === undefined ? {} : { json: body }) });
}

/** Everything the fake Okta org has seen: Management API requests plus token requests. */
export async function upstreamCount(okta: OktaFixture): Promise<number> {
  const [requests, tokens] = await Promise.all([okta.apiRequests(), okta.tokenRequests()]);
  return requests.length + tokens.length;
}

export async function latestAudit(orgId: string): Promise<Record<string, unknown> | undefined> {
  const body = (await (await api(`/api/orgs/${orgId}/audit?limit=1`, { headers: BOOTSTRAP })).json()) as { entries: Array<Record<string, unknown>> };
  return body.entries[0];
}
