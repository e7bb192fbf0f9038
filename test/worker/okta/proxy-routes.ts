/**
 * The routes of the access-check suite (proxy.access.security.test.ts): every Okta proxy, audit, credential-test and
 * API-key route with the least role it allows (stated here independently of the catalog), and how to call one.
 */
import type { LifecycleAction, OktaAction } from "../../../shared/okta-actions";
import type { Role } from "../../../shared/roles";
import { api, BOOTSTRAP } from "../support/api";
import type { OktaFixture } from "./support";

export const ORIGIN = { origin: "https://companion.test" };
export const ROLES = ["viewer", "operator", "admin"] as const;

/** What a route names: our organization and the Okta objects in its path. */
export type Target = { org: string; user: string; authenticator: string; credential: string; apiKey: string };

type Route = {
  name: string;
  method: "GET" | "POST" | "DELETE";
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

const proxy = (t: Target) => `/api/orgs/${t.org}/okta`;
export const ROUTES: Route[] = [
  {
    name: "GET okta/users",
    method: "GET",
    path: (t) => `${proxy(t)}/users?q=ada`,
    minRole: "viewer",
    okta: { action: "search", operationId: "listUsers", targetsUser: false },
  },
  {
    name: "GET okta/users/{id}",
    method: "GET",
    path: (t) => `${proxy(t)}/users/${t.user}`,
    minRole: "viewer",
    okta: { action: "retrieve", operationId: "getUser", targetsUser: true },
  },
  {
    name: "POST okta/users/{id}",
    method: "POST",
    path: (t) => `${proxy(t)}/users/${t.user}`,
    body: { profile: { title: "Analyst" } },
    minRole: "admin",
    okta: { action: "update", operationId: "updateUser", targetsUser: true },
  },
  {
    name: "GET okta/users/{id}/groups",
    method: "GET",
    path: (t) => `${proxy(t)}/users/${t.user}/groups`,
    minRole: "viewer",
    okta: { action: "list_groups", operationId: "listUserGroups", targetsUser: true },
  },
  ...LIFECYCLE.map(
    ([action, minRole, operationId]): Route => ({
      name: `POST okta/users/{id}/lifecycle/${action}`,
      method: "POST",
      path: (t) => `${proxy(t)}/users/${t.user}/lifecycle/${action}`,
      minRole,
      okta: { action, operationId, targetsUser: true },
    }),
  ),
  {
    name: "GET okta/authenticators",
    method: "GET",
    path: (t) => `${proxy(t)}/authenticators`,
    minRole: "viewer",
    okta: { action: "list_authenticators", operationId: "listAuthenticators", targetsUser: false },
  },
  {
    name: "GET okta/authenticators/{id}",
    method: "GET",
    path: (t) => `${proxy(t)}/authenticators/${t.authenticator}`,
    minRole: "viewer",
    okta: { action: "get_authenticator", operationId: "getAuthenticator", targetsUser: false },
  },
  {
    name: "POST okta/users/{id}/temporary-access-code",
    method: "POST",
    path: (t) => `${proxy(t)}/users/${t.user}/temporary-access-code`,
    body: { ttlMinutes: 60 },
    minRole: "operator",
    okta: { action: "temporary_access_code", operationId: "createTacAuthenticatorEnrollment", targetsUser: true },
  },
  { name: "GET audit", method: "GET", path: (t) => `/api/orgs/${t.org}/audit`, minRole: "operator" },
  { name: "POST credentials/{id}/test", method: "POST", path: (t) => `/api/orgs/${t.org}/credentials/${t.credential}/test`, minRole: "admin" },
  { name: "GET api-keys", method: "GET", path: (t) => `/api/orgs/${t.org}/api-keys`, minRole: "admin" },
  { name: "POST api-keys", method: "POST", path: (t) => `/api/orgs/${t.org}/api-keys`, body: { name: "ci", role: "viewer" }, minRole: "admin" },
  { name: "DELETE api-keys/{id}", method: "DELETE", path: (t) => `/api/orgs/${t.org}/api-keys/${t.apiKey}`, minRole: "admin" },
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
