import type { OktaAction } from "../../../shared/okta-actions";
import { performAudited } from "../actions/perform-action";
import { actorOf } from "../auth/actor";
import { requireOrgRole } from "../auth/require-role";
import type { AppContext } from "../http/context";
import type { OktaConnection } from "../okta/call-okta";
import { ambientFor } from "../okta/open-connection";
import { loadOrg } from "./load-org";

/**
 * {@link performAudited} for an API request: the caller must belong to the organization (else the same 404 as a
 * missing one) before anything else, and the organization must exist.
 */
export async function runAudited<T>(
  c: AppContext,
  action: OktaAction,
  targetUserId: string | null,
  perform: (connection: OktaConnection) => Promise<T>,
): Promise<T> {
  const orgId = c.req.param("org")!;
  const principal = requireOrgRole(c, orgId, "viewer");
  const { actor, role } = actorOf(principal);
  await loadOrg(c, orgId);
  const env = c.get("env");
  return performAudited(
    { env, orgId, actor, role, credentialId: c.req.query("credentialId"), nowMs: c.get("nowMs"), ambient: ambientFor(env) },
    action,
    targetUserId,
    perform,
  );
}
