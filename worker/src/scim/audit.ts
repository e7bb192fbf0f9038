import type { Changes, ChangeValue } from "../../../shared/audit";
import { appendAudit } from "../storage/org-store/audit";
import type { ScimGroupRecord } from "../storage/org-store/scim-groups";
import type { ScimUserRecord } from "../storage/org-store/scim-users";

/**
 * SCIM writes are audited in the same transaction as the write, with the SCIM actor: the token that made it (its
 * ID, never the token). Summaries hold no secret: a user by userName, a group by name and member count.
 */
export function auditScim(
  sql: SqlStorage,
  entry: { tokenId: string; action: string; status: number; result?: "success" | "refused"; errorCode?: string; changes?: Changes },
  nowMs: number,
): void {
  appendAudit(
    sql,
    {
      actor: { kind: "scim", id: entry.tokenId, label: "SCIM provisioning" },
      role: null,
      action: entry.action,
      targetUserId: null,
      credentialId: null,
      result: entry.result ?? "success",
      status: entry.status,
      errorCode: entry.errorCode ?? null,
      oktaErrorCode: null,
      oktaRequestId: null,
      ...(entry.changes ? { changes: entry.changes } : {}),
    },
    nowMs,
  );
}

export function userSummary(user: ScimUserRecord): Record<string, ChangeValue> {
  return { userId: user.id, userName: user.email, active: user.active, externalId: user.externalId, role: user.role };
}

export function groupSummary(group: ScimGroupRecord): Record<string, ChangeValue> {
  return { groupId: group.id, displayName: group.displayName, externalId: group.externalId, members: group.members.length };
}
