import type { ApiKeyView } from "../../../../shared/api-keys";
import type { Role } from "../../../../shared/roles";
import { iso, randomId } from "./rows";

/**
 * Org API keys, stored by their hash only: the key itself is shown once, to its creator, and never kept.
 * Looked up here on every use, so a revocation takes effect on the next request, everywhere.
 */

export function createApiKey(sql: SqlStorage, input: { name: string; role: Role; hash: string; prefix: string; createdBy: string }, nowMs: number): ApiKeyView {
  const id = `key_${randomId()}`;
  sql.exec(
    "INSERT INTO api_keys (id, name, role, hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
    id,
    input.name,
    input.role,
    input.hash,
    input.prefix,
    nowMs,
    input.createdBy,
  );
  return listApiKeys(sql).find((key) => key.id === id)!;
}

/** Newest first, revoked ones included (marked), never with the hash. */
export function listApiKeys(sql: SqlStorage): ApiKeyView[] {
  return sql
    .exec("SELECT * FROM api_keys ORDER BY created_at DESC")
    .toArray()
    .map((row) => ({
      id: String(row.id),
      name: String(row.name),
      role: String(row.role) as Role,
      prefix: String(row.prefix),
      createdAt: iso(Number(row.created_at)),
      createdBy: String(row.created_by),
      lastUsedAt: row.last_used_at === null ? null : iso(Number(row.last_used_at)),
      revokedAt: row.revoked_at === null ? null : iso(Number(row.revoked_at)),
    }));
}

/** False when the key is unknown or was already revoked (the first revocation time is kept). */
export function revokeApiKey(sql: SqlStorage, id: string, nowMs: number): boolean {
  const result = sql.exec("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", nowMs, id);
  return result.rowsWritten > 0;
}

/** The live key with this hash, or null (unknown or revoked); records the use. */
export function resolveApiKey(sql: SqlStorage, hash: string, nowMs: number): { id: string; name: string; role: Role } | null {
  const row = sql.exec("SELECT id, name, role FROM api_keys WHERE hash = ? AND revoked_at IS NULL", hash).toArray()[0];
  if (!row) return null;
  sql.exec("UPDATE api_keys SET last_used_at = ? WHERE id = ?", nowMs, row.id);
  return { id: String(row.id), name: String(row.name), role: String(row.role) as Role };
}
