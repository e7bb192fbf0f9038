import { z } from "zod";
import { OktaIdSchema } from "../../../shared/ids";
import { CredentialQuerySchema } from "../../../shared/okta-proxy";
import { OrgIdSchema } from "../../../shared/orgs";
import { UserContextSchema } from "../../../shared/persona";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import { declare, declaredAs, json, routeGroup } from "../http/openapi";
import { gateScope } from "./gate-scope";

/**
 * Everything the overlay shows about one Okta user, in one round trip (viewer and up), answered by the
 * organization's gate in one call (see OrgActions.userContext): the Okta user and groups (always fresh), what
 * Persona knows (briefly cached per organization), the actions the caller may take, and the user's latest audit
 * entries (null for viewers). Okta and Persona are asked concurrently and each half reports its own failure, so the
 * answer is 200 whenever the caller may read the organization: `oktaError` (with `okta: null`) or `persona.error`.
 * `userId` must be an Okta user ID (the Persona match keys on it), not a login.
 */
export const oktaContextRoutes = routeGroup().openapi(
  declare({
    method: "get",
    path: "/api/orgs/{org}/okta/users/{userId}/context",
    middleware: gateScope,
    tags: ["Okta actions"],
    request: { params: z.object({ org: OrgIdSchema, userId: OktaIdSchema }), query: CredentialQuerySchema },
    responses: { 200: json(UserContextSchema, "The user's Okta status, Persona match, allowed actions and recent audit; each half reports its own failure.") },
  }),
  async (c) => {
    const scope = c.get("gate")!;
    const { userId } = c.req.valid("param");
    const { credentialId } = c.req.valid("query");
    const request = { caller: scope.caller, userId, credentialId, requestId: c.get("requestId"), nowMs: c.get("nowMs") };
    const body = declaredAs(UserContextSchema, unwrap(await gateOf(c.get("env"), scope.orgId).userContext(scope.orgId, request)));
    c.header("cache-control", "no-store");
    return c.json(body, 200);
  },
);
