import { createMiddleware } from "hono/factory";
import { AppError } from "../../../shared/errors";
import { type Role, roleAtLeast } from "../../../shared/roles";
import { resolveClaim } from "../auth/authenticate";
import { readClaim } from "../auth/credential-claim";
import type { HonoEnv } from "../http/context";
import { appErrorOf, errorResponse } from "../http/errors";

/**
 * For gate-scoped routes whose handler makes the one gate call that checks the caller: when the request failed
 * before it got there (a parameter or body the schemas refuse), the caller is checked here instead, so a forged
 * or revoked credential still gets its 401 and a caller below `role` its 403, never a 400 that confirms the route.
 * Input errors reach only callers who may use the route.
 */
export const callerBeforeInput = (role: Role) =>
  createMiddleware<HonoEnv>(async function callerBeforeInput(c, next) {
    await next();
    const scope = c.get("gate");
    const refusal = c.error === undefined ? null : appErrorOf(c.error);
    if (!scope || scope.called || !refusal) return;
    const claim = readClaim(c);
    let answer = refusal;
    try {
      if (claim) {
        const principal = await resolveClaim(c, claim);
        const held: Role = principal.kind === "bootstrap" ? "admin" : principal.role;
        if (!roleAtLeast(held, role)) answer = new AppError("forbidden", `this needs the ${role} role`);
      }
    } catch (error) {
      const known = appErrorOf(error);
      if (!known) throw error;
      answer = known;
    }
    c.res = undefined;
    c.res = errorResponse(c, answer);
  });
