import { AppError, isAppError } from "../../../shared/errors";
import { OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { roleAtLeast } from "../../../shared/roles";
import { actorOf } from "../auth/actor";
import { orgStore } from "../auth/org-store";
import { requireOrgRole } from "../auth/require-role";
import type { AppContext } from "../http/context";
import { loadOrg } from "../routes/load-org";
import type { OktaConnection } from "./call-okta";
import { openConnection } from "./open-connection";

/**
 * Runs one proxied Okta action with its gate and its audit: the caller must belong to the organization (else the
 * same 404 as a missing one), hold the catalog's role for the action (a refusal is audited too), and every outcome —
 * success, Okta's refusal, failure — is written to the organization's Durable Object before the response leaves.
 * `perform` validates its own input, so a malformed request is an audited refusal as well. Audit entries hold
 * names, IDs and codes only, never a request body: passwords, answers, codes and tokens cannot reach them.
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
  const store = orgStore(c.get("env"), orgId);
  const nowMs = c.get("nowMs");
  let credentialId: string | null = null;
  try {
    if (!roleAtLeast(role, OKTA_ACTIONS[action].role)) {
      throw new AppError("forbidden", `${action} needs the ${OKTA_ACTIONS[action].role} role`);
    }
    await loadOrg(c, orgId);
    const connection = await openConnection(c, orgId, c.req.query("credentialId"));
    credentialId = connection.credentialId;
    const result = await perform(connection);
    await store.audit(
      { actor, role, action, targetUserId, credentialId, result: "success", status: 200, errorCode: null, oktaErrorCode: null, oktaRequestId: lastRequestId(result) },
      nowMs,
    );
    return result;
  } catch (error) {
    const appError = isAppError(error) ? error : new AppError("internal_error", "internal error");
    await store.audit(
      {
        actor,
        role,
        action,
        targetUserId,
        credentialId,
        result: appError.status >= 500 ? "failed" : "refused",
        status: appError.status,
        errorCode: appError.code,
        oktaErrorCode: typeof appError.details?.errorCode === "string" ? appError.details.errorCode : null,
        oktaRequestId: typeof appError.details?.oktaRequestId === "string" ? appError.details.oktaRequestId : null,
      },
      nowMs,
    );
    throw error;
  }
}

function lastRequestId(result: unknown): string | null {
  return typeof result === "object" && result !== null && "oktaRequestId" in result && typeof result.oktaRequestId === "string"
    ? result.oktaRequestId
    : null;
}
