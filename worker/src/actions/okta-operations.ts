import { AppError, type ErrorCode } from "../../../shared/errors";
import type { LifecycleAction, OktaAction } from "../../../shared/okta-actions";
import type { UpdateUserBody } from "../../../shared/okta-proxy";
import type { Role } from "../../../shared/roles";
import { allowedActions } from "../okta/allowed-actions";
import { callOkta, type OktaConnection } from "../okta/call-okta";
import { nextCursor } from "../okta/pagination";
import type { OktaAmbient } from "../okta/upstream";

/**
 * One proxied Okta operation as the edge validated it (structured data: it crosses the RPC into the organization's
 * gate). Queries are lists of pairs, since URLSearchParams does not survive structured clone.
 */
export type OktaOperation =
  | { action: "search"; query: Array<[string, string]> }
  | { action: "retrieve" | "list_groups"; userId: string }
  | { action: "update"; userId: string; body: UpdateUserBody }
  | { action: LifecycleAction; userId: string; query: Array<[string, string]> }
  | { action: "list_authenticators" }
  | { action: "get_authenticator"; authenticatorId: string }
  | { action: "temporary_access_code"; userId: string; ttlMinutes?: number; multiUse?: boolean }
  | { action: "clear_sessions"; userId: string; oauthTokens: boolean; forgetDevices: boolean };

/** An operation the edge refused to build (its input was invalid): still checked and audited by the gate, as refused. */
export type RefusedOperation = { action: OktaAction; refused: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

/** The answer bodies of the API table, each with the Okta request ID that produced it. */
export type OperationResult = Record<string, unknown> & { oktaRequestId: string | null };

/** Performs `operation` on Okta and shapes the answer the API returns for it. */
export async function runOktaOperation(connection: OktaConnection, operation: OktaOperation, role: Role, ambient: OktaAmbient): Promise<OperationResult> {
  switch (operation.action) {
    case "search": {
      const response = await callOkta(connection, "search", { query: new URLSearchParams(operation.query) }, ambient);
      return { users: response.body, next: nextCursor(response.headers.get("link")), oktaRequestId: response.requestId };
    }
    case "retrieve": {
      const response = await callOkta(connection, "retrieve", { params: { userId: operation.userId } }, ambient);
      return { user: response.body, allowedActions: allowedActions(response.body, role), oktaRequestId: response.requestId };
    }
    case "update": {
      const response = await callOkta(connection, "update", { params: { userId: operation.userId }, body: operation.body }, ambient);
      return { user: response.body, oktaRequestId: response.requestId };
    }
    case "list_groups": {
      const response = await callOkta(connection, "list_groups", { params: { userId: operation.userId } }, ambient);
      return { groups: response.body, oktaRequestId: response.requestId };
    }
    case "list_authenticators": {
      const response = await callOkta(connection, "list_authenticators", {}, ambient);
      return { authenticators: response.body, oktaRequestId: response.requestId };
    }
    case "get_authenticator": {
      const response = await callOkta(connection, "get_authenticator", { params: { authenticatorId: operation.authenticatorId } }, ambient);
      return { authenticator: response.body, oktaRequestId: response.requestId };
    }
    case "temporary_access_code":
      return temporaryAccessCode(connection, operation, ambient);
    case "clear_sessions": {
      const query = new URLSearchParams({ oauthTokens: String(operation.oauthTokens), forgetDevices: String(operation.forgetDevices) });
      const response = await callOkta(connection, "clear_sessions", { params: { userId: operation.userId }, query }, ambient);
      return { ok: true, action: "clear_sessions", oktaRequestId: response.requestId };
    }
    default: {
      const { action, userId, query } = operation;
      const response = await callOkta(connection, action, { params: { userId }, query: new URLSearchParams(query) }, ambient);
      return { ok: true, action, result: response.body ?? {}, oktaRequestId: response.requestId };
    }
  }
}

/**
 * Finds the org's `tac` authenticator, then creates the enrollment. The code goes back to this caller once and
 * nowhere else: the audit entry carries the action and the user, never the answer.
 */
async function temporaryAccessCode(
  connection: OktaConnection,
  operation: Extract<OktaOperation, { action: "temporary_access_code" }>,
  ambient: OktaAmbient,
): Promise<OperationResult> {
  const listed = await callOkta(connection, "list_authenticators", {}, ambient);
  const tac = Array.isArray(listed.body) ? listed.body.find((item) => typeof item === "object" && item !== null && item.key === "tac") : undefined;
  if (!tac || typeof tac.id !== "string") {
    throw new AppError("okta_not_found", "this Okta org has no Temporary Access Code authenticator (Security > Authenticators)");
  }
  const profile: Record<string, unknown> = {};
  if (operation.ttlMinutes !== undefined) profile.ttl = String(operation.ttlMinutes);
  if (operation.multiUse !== undefined) profile.multiUse = operation.multiUse;
  const response = await callOkta(
    connection,
    "temporary_access_code",
    { params: { userId: operation.userId }, body: { authenticatorId: tac.id, profile } },
    ambient,
  );
  const enrollment = (response.body ?? {}) as { id?: string; profile?: { tac?: string; expiresAt?: string; multiUse?: boolean } };
  return {
    code: enrollment.profile?.tac ?? null,
    expiresAt: enrollment.profile?.expiresAt ?? null,
    multiUse: enrollment.profile?.multiUse ?? false,
    enrollmentId: enrollment.id ?? null,
    oktaRequestId: response.requestId,
  };
}
