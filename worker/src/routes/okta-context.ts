import { Hono } from "hono";
import { OktaIdSchema } from "../../../shared/ids";
import { CredentialQuerySchema } from "../../../shared/okta-proxy";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { gateScope } from "./gate-scope";

/**
 * Everything the overlay shows about one Okta user, in one round trip (viewer and up), answered by the
 * organization's gate in one call (see OrgActions.userContext): the Okta user and groups (always fresh), what
 * Persona knows (briefly cached per organization), the actions the caller may take, and the user's latest audit
 * entries (null for viewers). Okta and Persona are asked concurrently and each half reports its own failure, so the
 * answer is 200 whenever the caller may read the organization: `oktaError` (with `okta: null`) or `persona.error`.
 * `userId` must be an Okta user ID (the Persona match keys on it), not a login.
 */
export const oktaContextRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/okta/users/:userId/context", gateScope)
  .get("/api/orgs/:org/okta/users/:userId/context", async (c) => {
    const scope = c.get("gate")!;
    const userId = parseParam(OktaIdSchema, c.req.param("userId"));
    const { credentialId } = parseParam(CredentialQuerySchema, c.req.query());
    const request = { caller: scope.caller, userId, credentialId, requestId: c.get("requestId"), nowMs: c.get("nowMs") };
    const body = unwrap(await gateOf(c.get("env"), scope.orgId).userContext(scope.orgId, request));
    c.header("cache-control", "no-store");
    return c.json(body);
  });
