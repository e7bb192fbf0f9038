import type { z } from "zod";
import type { ActorSchema } from "../../../shared/audit";
import { AppError } from "../../../shared/errors";
import type { Role } from "../../../shared/roles";
import * as apiKeys from "../storage/org-store/api-keys";
import * as sessions from "../storage/org-store/sessions";

/**
 * Who asks the gate to act, as the edge read it from the request, not yet checked: a session token's or API key's
 * hash (checked here, against this organization's own tables, so checking costs no extra call), the bootstrap
 * credential (compared in constant time at the edge, which holds the secret), or an automation rule that a
 * verified Persona webhook triggered (the edge verified the signature).
 */
export type GateCaller =
  | { kind: "session"; tokenHash: string; via: sessions.SessionKind }
  | { kind: "api_key"; keyHash: string }
  | { kind: "bootstrap" }
  | { kind: "automation"; ruleId: string; label: string };

export type VerifiedCaller = { actor: z.infer<typeof ActorSchema>; role: Role };

/** The caller's audit identity and role; a session or key this organization does not know is refused as the edge would. */
export function verifyCaller(sql: SqlStorage, caller: GateCaller, nowMs: number): VerifiedCaller {
  switch (caller.kind) {
    case "session": {
      const session = sessions.getSession(sql, caller.tokenHash, nowMs, caller.via);
      if (!session) throw new AppError("session_expired", "the session has ended; sign in again");
      return { actor: { kind: "user", id: session.user.id, label: session.user.email }, role: session.user.role };
    }
    case "api_key": {
      const key = apiKeys.resolveApiKey(sql, caller.keyHash, nowMs);
      if (!key) throw new AppError("unauthenticated", "invalid credentials");
      return { actor: { kind: "api_key", id: key.id, label: key.name }, role: key.role };
    }
    case "bootstrap":
      return { actor: { kind: "bootstrap", id: "bootstrap", label: "platform bootstrap" }, role: "admin" };
    case "automation":
      return { actor: { kind: "automation", id: caller.ruleId, label: caller.label }, role: "admin" };
  }
}
