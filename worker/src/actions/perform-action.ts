import type { z } from "zod";
import type { ActorSchema, NewAuditEntry } from "../../../shared/audit";
import { AppError, isAppError } from "../../../shared/errors";
import { OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { type Role, roleAtLeast } from "../../../shared/roles";
import type { OktaConnection } from "../okta/call-okta";

/** Who performs an action: a person or key from a request, or an automation rule from a webhook. */
export type ActionActor = {
  actor: z.infer<typeof ActorSchema>;
  role: Role;
  /** `?credentialId=`, when the organization has several credentials. */
  credentialId: string | undefined;
};

/** What an action needs from the organization's gate, which holds all of it (worker/src/gate/). */
export type ActionPorts = {
  open(credentialId: string | undefined): Promise<OktaConnection>;
  audit(entry: NewAuditEntry): void;
  /** After a change to a user: whatever Persona context was cached for them predates it. */
  changedUser(action: OktaAction, targetUserId: string | null): void;
};

/**
 * Runs one Okta action with its checks and its audit, whoever asks (a person, an org API key, a webhook rule): the
 * actor must hold the catalog's role for the action (a refusal is audited too), and every outcome — success,
 * Okta's refusal, failure — is audited before the caller hears of it. `perform` may refuse its own input, so a
 * malformed request is an audited refusal as well. Audit entries hold names, IDs and codes only, never a request
 * body: passwords, answers, codes and tokens cannot reach them.
 */
export async function performAudited<T>(
  ports: ActionPorts,
  who: ActionActor,
  action: OktaAction,
  targetUserId: string | null,
  perform: (connection: OktaConnection) => Promise<T>,
): Promise<T> {
  const { actor, role } = who;
  let credentialId: string | null = null;
  try {
    if (!roleAtLeast(role, OKTA_ACTIONS[action].role)) {
      throw new AppError("forbidden", `${action} needs the ${OKTA_ACTIONS[action].role} role`);
    }
    const connection = await ports.open(who.credentialId);
    credentialId = connection.credentialId;
    const result = await perform(connection);
    ports.audit({
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
    });
    ports.changedUser(action, targetUserId);
    return result;
  } catch (error) {
    ports.audit({ actor, role, action, targetUserId, credentialId, ...refusalEntry(error) });
    throw error;
  }
}

/**
 * The audit fields of an attempt that threw: `refused` for our or Okta's 4xx, `failed` for anything 5xx (an
 * error that is no AppError counts as our internal error), with the code and, from Okta's details, its error code
 * and request ID. Shared by every audited step, so an outcome is recorded one way.
 */
export function refusalEntry(error: unknown): Pick<NewAuditEntry, "result" | "status" | "errorCode" | "oktaErrorCode" | "oktaRequestId"> {
  const appError = isAppError(error) ? error : new AppError("internal_error", "internal error");
  return {
    result: appError.status >= 500 ? "failed" : "refused",
    status: appError.status,
    errorCode: appError.code,
    oktaErrorCode: typeof appError.details?.errorCode === "string" ? appError.details.errorCode : null,
    oktaRequestId: typeof appError.details?.oktaRequestId === "string" ? appError.details.oktaRequestId : null,
  };
}

function lastRequestId(result: unknown): string | null {
  return typeof result === "object" && result !== null && "oktaRequestId" in result && typeof result.oktaRequestId === "string" ? result.oktaRequestId : null;
}
