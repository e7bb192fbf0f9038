import { AppError } from "../../../shared/errors";
import { type Role, roleAtLeast } from "../../../shared/roles";
import type { AppContext, Principal } from "../http/context";

/** The caller, who must be authenticated. */
export function requirePrincipal(c: AppContext): Principal {
  const principal = c.get("principal");
  if (!principal) throw new AppError("unauthenticated", "sign in or present a bearer token");
  return principal;
}

/**
 * The caller must hold at least `role` in `orgId`; the bootstrap credential acts as admin of every organization.
 * Another organization's user gets the same 404 as a missing organization, so IDs cannot be probed.
 */
export function requireOrgRole(c: AppContext, orgId: string, role: Role): Principal {
  const principal = requirePrincipal(c);
  if (principal.kind === "bootstrap") return principal;
  if (principal.orgId !== orgId) throw new AppError("org_not_found", "no such organization");
  if (!roleAtLeast(principal.role, role)) throw new AppError("forbidden", `this needs the ${role} role`);
  return principal;
}

export function requireBootstrap(c: AppContext): void {
  const principal = requirePrincipal(c);
  if (principal.kind !== "bootstrap") throw new AppError("forbidden", "only the platform bootstrap credential may do this");
}
