import { AppError } from "../../../shared/errors";
import { type Role, roleAtLeast } from "../../../shared/roles";
import { resolveClaim } from "../auth/authenticate";
import { readClaim } from "../auth/credential-claim";
import { whenRefusedBeforeGate } from "./refused-before-gate";

/**
 * For gate-scoped routes whose handler makes the one gate call that checks the caller: when the request failed
 * before it got there (a parameter or body the schemas refuse), the caller is checked here instead, so a forged
 * or revoked credential still gets its 401 and a caller below `role` its 403, never a 400 that confirms the route.
 * Input errors reach only callers who may use the route.
 */
export const callerBeforeInput = (role: Role) =>
  whenRefusedBeforeGate(async (c) => {
    const claim = readClaim(c);
    if (!claim) return;
    const principal = await resolveClaim(c, claim);
    const held: Role = principal.kind === "bootstrap" ? "admin" : principal.role;
    if (!roleAtLeast(held, role)) throw new AppError("forbidden", `this needs the ${role} role`);
  });
