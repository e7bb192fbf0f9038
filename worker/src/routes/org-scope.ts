import { createMiddleware } from "hono/factory";
import type { Role } from "../../../shared/roles";
import { actorOf } from "../auth/actor";
import { requireOrgRole } from "../auth/require-role";
import { type AppContext, baseUrl, type HonoEnv } from "../http/context";
import { OrgServices } from "../org/org-services";
import type { OrgRecord } from "../storage/org-config";
import { loadOrg } from "./load-org";

/**
 * The scope of every `/api/orgs/{org}/…` route but the Okta action routes (those are routes/gate-scope.ts): the
 * caller (resolved by `authenticate`) must hold at least `minRole` in the organization the path names (another
 * organization's caller gets the same 404 as a missing one), then the organization is read, and `org`, `caller`
 * and the organization's services go on `c.var`. A route is then its input schema, one call, its answer.
 */
export const orgScope = (minRole: Role) =>
  createMiddleware<HonoEnv>(async function orgScope(c, next) {
    const principal = requireOrgRole(c, c.req.param("org") ?? "", minRole);
    const org = await loadOrg(c, c.req.param("org") ?? "");
    const caller = actorOf(principal);
    c.set("org", org);
    c.set("services", new OrgServices({ env: c.get("env"), org, caller, nowMs: c.get("nowMs"), publicBase: baseUrl(c) }));
    await next();
  });

/** The services {@link orgScope} put on the context (a route mounted without it is a programming error). */
export function servicesOf(c: AppContext): OrgServices {
  const services = c.get("services");
  if (!services) throw new Error("route mounted without orgScope");
  return services;
}

/**
 * The scope of a public `/{org}/…` route (metadata, login, ACS, landing): the organization the path names is read
 * before anything else, and an unknown or malformed ID answers the same 404 whatever else the request holds.
 */
export const publicOrg = createMiddleware<HonoEnv>(async function publicOrg(c, next) {
  c.set("org", await loadOrg(c, c.req.param("org") ?? ""));
  await next();
});

/** The organization {@link orgScope} or {@link publicOrg} read (a route mounted without either is a programming error). */
export function orgOf(c: AppContext): OrgRecord {
  const org = c.get("org");
  if (!org) throw new Error("route mounted without an organization scope");
  return org;
}
