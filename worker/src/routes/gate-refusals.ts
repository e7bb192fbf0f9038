import type { OktaAction } from "../../../shared/okta-actions";
import { errorData } from "../gate/answer";
import type { AppContext } from "../http/context";
import { actInGate } from "./gate-act";
import { whenRefusedBeforeGate } from "./refused-before-gate";

/**
 * Input the edge refuses on an Okta action route still goes to the organization's gate, as a refused operation:
 * the caller is checked there (a forged token gets its 401, not a 400 that confirms the route) and the refusal is
 * audited like any other attempt. This runs around the route's validators and handler; a failure thrown before
 * the handler reached the gate (a body or parameter the schemas refuse, a malformed JSON body) is handed over.
 * `actionOf` names the attempted action, or null when there is none to audit (an unknown lifecycle action).
 */
export const refusalsAudited = (actionOf: OktaAction | ((c: AppContext) => OktaAction | null)) =>
  whenRefusedBeforeGate((c, refusal) => {
    const action = typeof actionOf === "function" ? actionOf(c) : actionOf;
    if (action === null) return null;
    // The gate answers the refusal itself, or the caller's own failure (401) ahead of it.
    return actInGate(c, { action, refused: errorData(refusal) }, c.req.param("userId") ?? null).then(() => {});
  });
