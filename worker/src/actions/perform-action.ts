import type { z } from "zod";
import type { ActorSchema } from "../../../shared/audit";
import { AppError, isAppError } from "../../../shared/errors";
import { OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { type Role, roleAtLeast } from "../../../shared/roles";
import type { AppEnv } from "../env";
import type { OktaConnection } from "../okta/call-okta";
import { openConnection } from "../okta/open-connection";
import type { OktaAmbient } from "../okta/upstream";
import { forgetPersonaContextAfter } from "../persona/context";
import { orgStore } from "../storage/org-store-client";

/** Who performs an action and where: a person or key from a request, or an automation rule from a webhook. */
export type ActionContext = {
  env: AppEnv;
  orgId: string;
  actor: z.infer<typeof ActorSchema>;
  role: Role;
  credentialId: string | undefined;
  nowMs: number;
  ambient: OktaAmbient;
};

/**
 * Runs one Okta action with its gate and its audit, whoever asks (a person, an org API key, a webhook rule): the
 * actor must hold the catalog's role for the action (a refusal is audited too), and every outcome — success,
 * Okta's refusal, failure — is written to the organization's Durable Object before the caller hears of it.
 * `perform` validates its own input, so a malformed request is an audited refusal as well. Audit entries hold
 * names, IDs and codes only, never a request body: passwords, answers, codes and tokens cannot reach them.
 */
export async function performAudited<T>(
  context: ActionContext,
  action: OktaAction,
  targetUserId: string | null,
  perform: (connection: OktaConnection) => Promise<T>,
): Promise<T> {
  const { actor, role, nowMs } = context;
  const store = orgStore(context.env, context.orgId);
  let credentialId: string | null = null;
  try {
    if (!roleAtLeast(role, OKTA_ACTIONS[action].role)) {
      throw new AppError("forbidden", `${action} needs the ${OKTA_ACTIONS[action].role} role`);
    }
    const connection = await openConnection(context.env, context.orgId, context.credentialId, context.ambient);
    credentialId = connection.credentialId;
    const result = await perform(connection);
    await store.audit(
      {
        actor,
        role,
        action,
        targetUserId,
        credentialId,
        result: "success",
        status: 200,
        errorCode: null,
        oktaErrorCode: null,
        oktaRequestId: lastRequestId(result),
      },
      nowMs,
    );
    // Whatever Persona context was cached for this user predates the change (the overlay must not show it).
    await forgetPersonaContextAfter(store, action, targetUserId);
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
  return typeof result === "object" && result !== null && "oktaRequestId" in result && typeof result.oktaRequestId === "string" ? result.oktaRequestId : null;
}
