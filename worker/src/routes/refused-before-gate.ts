import { createMiddleware } from "hono/factory";
import type { AppError } from "../../../shared/errors";
import type { AppContext, HonoEnv } from "../http/context";
import { appErrorOf, errorResponse } from "../http/errors";

/**
 * Around a gate-scoped route's validators and handler: when the request failed before the handler made its one
 * gate call (a parameter or body the schemas refuse, malformed JSON), `judge` decides what the caller hears. It
 * may throw the caller's own failure (401 for a forged token, 403 for a role too low), which is answered ahead of
 * the input's refusal; otherwise the refusal stands. `judge` answers null when there is nothing to ask.
 */
export const whenRefusedBeforeGate = (judge: (c: AppContext, refusal: AppError) => Promise<void> | null) =>
  createMiddleware<HonoEnv>(async function whenRefusedBeforeGate(c, next) {
    await next();
    const scope = c.get("gate");
    const refusal = c.error === undefined ? null : appErrorOf(c.error);
    if (!scope || scope.called || !refusal) return;
    const judging = judge(c, refusal);
    if (judging === null) return;
    let answer = refusal;
    try {
      await judging;
    } catch (error) {
      const known = appErrorOf(error);
      if (!known) throw error;
      answer = known;
    }
    c.res = undefined;
    c.res = errorResponse(c, answer);
  });
