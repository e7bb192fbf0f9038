import { Hono } from "hono";
import { CredentialQuerySchema, OktaIdSchema } from "../../../shared/okta-proxy";
import type { UserContext } from "../../../shared/persona";
import { roleAtLeast } from "../../../shared/roles";
import { actorOf } from "../auth/actor";
import { requireOrgRole } from "../auth/require-role";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { personaAmbient } from "../persona/connection";
import { personaContext } from "../persona/context";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";

/** How many of the user's latest audit entries come with the context. */
export const RECENT_AUDIT_ENTRIES = 10;

/**
 * Everything the overlay shows about one Okta user, in one round trip (viewer and up): the Okta user and groups
 * (always fresh), what Persona knows (briefly cached per organization), the actions the caller may take, and the
 * user's latest audit entries. Okta and Persona are asked concurrently and each half reports its own failure, so
 * the answer is 200 whenever the caller may read the organization: `oktaError` (with `okta: null`) or
 * `persona.error`. Reading a context is not an action and is not audited. `userId` must be an Okta user ID (the
 * Persona match keys on it), not a login. `recentAudit` is null for viewers: the audit is for operators and up.
 */
export const oktaContextRoutes = new Hono<HonoEnv>().get("/api/orgs/:org/okta/users/:userId/context", async (c) => {
  const orgId = c.req.param("org");
  const principal = requireOrgRole(c, orgId, "viewer");
  await loadOrg(c, orgId);
  const userId = parseParam(OktaIdSchema, c.req.param("userId"));
  const { credentialId } = parseParam(CredentialQuerySchema, c.req.query());
  const { role } = actorOf(principal);
  const env = c.get("env");
  const requestId = c.get("requestId");

  // The Okta half comes from the organization's gate (its tokens, rate-limit book and concurrency cap).
  const okta = gateOf(env, orgId).oktaUser(orgId, credentialId, userId, role, requestId).then(unwrap);
  const persona = personaContext({
    env,
    orgId,
    oktaUserId: userId,
    email: async () => (await okta).okta?.profile.email ?? null,
    ambient: personaAmbient(env),
    requestId,
  });
  const audit = roleAtLeast(role, "operator") ? orgStore(env, orgId).listAudit({ userId, limit: RECENT_AUDIT_ENTRIES }) : Promise.resolve(null);
  const [oktaHalf, personaHalf, recentAudit] = await Promise.all([okta, persona, audit]);

  const body: UserContext = {
    userId,
    okta: oktaHalf.okta,
    ...(oktaHalf.oktaError ? { oktaError: oktaHalf.oktaError } : {}),
    oktaRequestId: oktaHalf.oktaRequestId,
    oktaTenant: oktaHalf.tenant,
    allowedActions: oktaHalf.allowedActions,
    persona: personaHalf,
    recentAudit,
  };
  c.header("cache-control", "no-store");
  return c.json(body);
});
