import type { ScimTokenView } from "../../../../shared/scim";
import { iso, randomId } from "./rows";

/**
 * The organization's SCIM bearer tokens, stored by hash only (docs/scim.md). Several may be live at once, so a
 * rotation is: make a new one, switch Okta to it, delete the old one. Deleting a token removes its row, so it is
 * refused from the next request on; the audit keeps its ID.
 */

export function createScimToken(sql: SqlStorage, hash: string, nowMs: number): ScimTokenView {
  const id = `scim_${randomId()}`;
  sql.exec("INSERT INTO scim_tokens (id, hash, created_at) VALUES (?, ?, ?)", id, hash, nowMs);
  return { id, createdAt: iso(nowMs), lastUsedAt: null };
}

/** Newest first, never with the hash. */
export function listScimTokens(sql: SqlStorage): ScimTokenView[] {
  return sql
    .exec("SELECT id, created_at, last_used_at FROM scim_tokens ORDER BY created_at DESC, id")
    .toArray()
    .map((row) => ({
      id: String(row.id),
      createdAt: iso(Number(row.created_at)),
      lastUsedAt: row.last_used_at === null ? null : iso(Number(row.last_used_at)),
    }));
}

export function countScimTokens(sql: SqlStorage): number {
  return Number(sql.exec("SELECT COUNT(*) AS n FROM scim_tokens").one().n);
}

/** False when no such token exists. */
export function deleteScimToken(sql: SqlStorage, id: string): boolean {
  return sql.exec("DELETE FROM scim_tokens WHERE id = ?", id).rowsWritten > 0;
}

/** The live token with this hash (its ID), or null; records the use. */
export function resolveScimToken(sql: SqlStorage, hash: string, nowMs: number): string | null {
  const row = sql.exec("SELECT id FROM scim_tokens WHERE hash = ?", hash).toArray()[0];
  if (!row) return null;
  sql.exec("UPDATE scim_tokens SET last_used_at = ? WHERE id = ?", nowMs, row.id);
  return String(row.id);
}
