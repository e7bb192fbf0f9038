import type { RecoveryProof } from "../../../shared/verification";
import type { OktaOperation, OperationResult, RefusedOperation } from "../actions/okta-operations";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { AppContext } from "../http/context";

/**
 * The one call an Okta action route makes to its organization's gate (routes/gate-scope.ts put the scope on
 * `c.var`): the claimed caller, the operation (or the edge's refusal of it), the target user and the request's
 * credential choice. Marks the scope as called, so routes/gate-refusals.ts never sends a second one.
 */
export async function actInGate(
  c: AppContext,
  operation: OktaOperation | RefusedOperation,
  targetUserId: string | null,
  proof: RecoveryProof = {},
): Promise<OperationResult> {
  const scope = c.get("gate")!;
  scope.called = true;
  const request = {
    caller: scope.caller,
    operation,
    targetUserId,
    credentialId: c.req.query("credentialId"),
    requestId: c.get("requestId"),
    proof,
    nowMs: c.get("nowMs"),
  };
  return unwrap(await gateOf(c.get("env"), scope.orgId).act(scope.orgId, request));
}

/** Splits what allows a gated action (shared/verification.ts) from the body the action sends on to Okta. */
export function splitProof<T extends RecoveryProof>(body: T): { rest: Omit<T, keyof RecoveryProof>; proof: RecoveryProof } {
  const { verificationId, overrideReason, ...rest } = body;
  const proof: RecoveryProof = {};
  if (verificationId !== undefined) proof.verificationId = verificationId;
  if (overrideReason !== undefined) proof.overrideReason = overrideReason;
  return { rest, proof };
}
