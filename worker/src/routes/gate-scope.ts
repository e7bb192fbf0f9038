import { createMiddleware } from "hono/factory";
import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import { resolveClaim } from "../auth/authenticate";
import { assertSameOrigin, claimRefusal, readClaim } from "../auth/credential-claim";
import type { GateCaller } from "../gate/caller";
import type { HonoEnv } from "../http/context";
import { orgExists } from "../http/known-orgs";

/**
 * The scope of an Okta action route (`/api/orgs/{org}/okta/…`): the caller's claim is read from the request but
 * not looked up here; the organization's gate verifies it in the same call that performs the action, so an action
 * costs one Durable Object call. Everything that needs no storage is checked here first: a credential is
 * presented, the path's organization ID is well-formed and is the one the token names (another organization's
 * caller gets the same 404 as a missing organization), and the organization exists.
 */
export const gateScope = createMiddleware<HonoEnv>(async function gateScope(c, next) {
  const claim = readClaim(c);
  if (!claim) throw new AppError("unauthenticated", "sign in or present a bearer token");
  const parsed = OrgIdSchema.safeParse(c.req.param("org"));
  if (!parsed.success) throw new AppError("org_not_found", "no such organization");
  const orgId = parsed.data;
  if (claim.kind !== "bootstrap" && claim.orgId !== orgId) {
    // Not the hot path: a forged or revoked credential is refused as such (401) before the 404 a real caller of
    // another organization gets, as on every other route.
    await resolveClaim(c, claim);
    throw new AppError("org_not_found", "no such organization");
  }
  if (!(await orgExists(c, orgId))) throw claim.kind === "bootstrap" ? new AppError("org_not_found", "no such organization") : claimRefusal(claim);
  assertSameOrigin(c, claim);
  const caller: GateCaller =
    claim.kind === "session"
      ? { kind: "session", tokenHash: claim.tokenHash, via: claim.via }
      : claim.kind === "api_key"
        ? { kind: "api_key", keyHash: claim.keyHash }
        : { kind: "bootstrap" };
  c.set("gate", { orgId, caller });
  await next();
});
