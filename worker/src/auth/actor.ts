import type { z } from "zod";
import type { ActorSchema } from "../../../shared/audit";
import type { Role } from "../../../shared/roles";
import type { Principal } from "../http/context";

/** The audit identity and effective role of a caller (the bootstrap credential acts as admin). */
export function actorOf(principal: Principal): { actor: z.infer<typeof ActorSchema>; role: Role } {
  if (principal.kind === "bootstrap") return { actor: { kind: "bootstrap", id: "bootstrap", label: "platform bootstrap" }, role: "admin" };
  if (principal.kind === "api_key") return { actor: { kind: "api_key", id: principal.keyId, label: principal.name }, role: principal.role };
  return { actor: { kind: "user", id: principal.userId, label: principal.email }, role: principal.role };
}
