import type { TemporaryAccessCode } from "../../shared/okta-proxy";
import type { RecoveryProof } from "../../shared/verification";
import type { ReplyError } from "../lib/protocol";
import { ACTION_COPY, type OverlayAction } from "./action-copy";
import { describeError } from "./describe-error";
import type { Send } from "./overlay-port";

export type ActionResult = { ok: true; text: string; tac?: TemporaryAccessCode } | { ok: false; text: string };

/**
 * Sends one overlay action to the background with its proof (a verification, or an admin's override reason) and
 * says in one line what happened, for the announcement: naming the user and Okta's request ID, or Okta's refusal.
 */
export async function sendAction(send: Send, userId: string, action: OverlayAction, proof: RecoveryProof, who: string): Promise<ActionResult> {
  const copy = ACTION_COPY[action];
  const how = proof.overrideReason === undefined ? "" : " Recorded as an override, with your reason.";
  const failed = (error: ReplyError): ActionResult => ({ ok: false, text: `${copy.label} failed: ${describeError(error)}` });
  if (action === "temporary_access_code") {
    const reply = await send("overlay.tac", { userId, ...proof });
    return reply.ok ? { ok: true, text: `${copy.done} ${who}. It is shown once below.${how}`, tac: reply.data } : failed(reply.error);
  }
  const reply =
    action === "clear_sessions" ? await send("overlay.sessions.clear", { userId, ...proof }) : await send("overlay.lifecycle", { userId, action, ...proof });
  if (!reply.ok) return failed(reply.error);
  const requestId = reply.data.oktaRequestId ? ` (Okta request ${reply.data.oktaRequestId})` : "";
  return { ok: true, text: `${copy.done} ${who}.${requestId}${how}` };
}
