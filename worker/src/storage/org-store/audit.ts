import { type AuditChainReport, type AuditEntry, ChangesSchema, type NewAuditEntry } from "../../../../shared/audit";
import type { Role } from "../../../../shared/roles";
import { RecoverySchema } from "../../../../shared/verification";
import { linkNewRow, storedLink, verifyAuditChain } from "./audit-chain";
import { iso, nullableString } from "./rows";

/**
 * Every attempted action on Okta. Append-only: this module has no function to edit or delete an entry, and each
 * entry is linked into a hash chain (./audit-chain.ts) that shows an edit or deletion made behind its back.
 */

export function appendAudit(sql: SqlStorage, entry: NewAuditEntry, nowMs: number): void {
  const row = sql
    .exec(
      `INSERT INTO audit (at, actor_kind, actor_id, actor_label, role, action, target_user_id, credential_id, result, status, error_code, okta_error_code, okta_request_id, changes, recovery)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      nowMs,
      entry.actor.kind,
      entry.actor.id,
      entry.actor.label,
      entry.role,
      entry.action,
      entry.targetUserId,
      entry.credentialId,
      entry.result,
      entry.status,
      entry.errorCode,
      entry.oktaErrorCode,
      entry.oktaRequestId,
      entry.changes ? JSON.stringify(ChangesSchema.parse(entry.changes)) : null,
      entry.recovery ? JSON.stringify(RecoverySchema.parse(entry.recovery)) : null,
    )
    .one();
  // The hash covers the row as SQLite stored it (RETURNING), not the values as they were passed.
  linkNewRow(sql, row);
}

/** Recomputes the whole chain in ID order (admins: `GET /api/orgs/{org}/audit/verify`). */
export function verifyAudit(sql: SqlStorage): AuditChainReport {
  return verifyAuditChain(sql);
}

export type AuditQuery = { userId?: string | undefined; limit: number; before?: number | undefined };

/** Newest first; optionally only the entries about one Okta user; `before` pages by entry ID. */
export function listAudit(sql: SqlStorage, query: AuditQuery): AuditEntry[] {
  const rows =
    query.userId === undefined
      ? sql.exec("SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?", query.before ?? Number.MAX_SAFE_INTEGER, query.limit)
      : sql.exec(
          "SELECT * FROM audit WHERE target_user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
          query.userId,
          query.before ?? Number.MAX_SAFE_INTEGER,
          query.limit,
        );
  return rows.toArray().map((row) => ({
    id: Number(row.id),
    at: iso(Number(row.at)),
    actor: { kind: String(row.actor_kind) as AuditEntry["actor"]["kind"], id: String(row.actor_id), label: String(row.actor_label) },
    role: row.role === null ? null : (String(row.role) as Role),
    action: String(row.action),
    targetUserId: nullableString(row.target_user_id),
    credentialId: nullableString(row.credential_id),
    result: String(row.result) as AuditEntry["result"],
    status: Number(row.status),
    errorCode: nullableString(row.error_code),
    oktaErrorCode: nullableString(row.okta_error_code),
    oktaRequestId: nullableString(row.okta_request_id),
    changes: row.changes === null || row.changes === undefined ? null : ChangesSchema.parse(JSON.parse(String(row.changes))),
    recovery: row.recovery === null || row.recovery === undefined ? null : RecoverySchema.parse(JSON.parse(String(row.recovery))),
    chain: storedLink(row),
  }));
}
