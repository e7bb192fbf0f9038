import { createMiddleware } from "hono/factory";
import type { OktaAction } from "../../../shared/okta-actions";
import { errorData } from "../gate/answer";
import type { AppContext, HonoEnv } from "../http/context";
import { appErrorOf, errorResponse } from "../http/errors";
import { actInGate } from "./gate-act";

/**
 * Input the edge refuses on an Okta action route still goes to the organization's gate, as a refused operation:
 * the caller is checked there (a forged token gets its 401, not a 400 that confirms the route) and the refusal is
 * audited like any other attempt. This runs around the route's validators and handler; a failure thrown before
 * the handler reached the gate (a body or parameter the schemas refuse, a malformed JSON body) is handed over.
 * `actionOf` names the attempted action, or null when there is none to audit (an unknown lifecycle action).
 */
export const refusalsAudited = (actionOf: OktaAction | ((c: AppContext) => OktaAction | null)) =>
  createMiddleware<HonoEnv>(async function refusalsAudited(c, next) {
    await next();
    const scope = c.get("gate");
    const refusal = c.error === undefined ? null : appErrorOf(c.error);
    if (!scope || scope.called || !refusal) return;
    const action = typeof actionOf === "function" ? actionOf(c) : actionOf;
    if (action === null) return;
    const operation = { action, refused: errorData(refusal) };
    // The gate answers the refusal itself, or the caller's own failure (401) ahead of it.
    let answer = refusal;
    try {
      await actInGate(c, operation, c.req.param("userId") ?? null);
    } catch (error) {
      const known = appErrorOf(error);
      if (!known) throw error;
      answer = known;
    }
    c.res = undefined;
    c.res = errorResponse(c, answer);
  });
