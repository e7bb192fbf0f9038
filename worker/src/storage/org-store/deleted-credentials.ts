/**
 * Credentials deleted from this organization. KV, where credentials live, is eventually consistent: for up to a
 * minute another location can still read a deleted record. The organization's gate consults this table, which is
 * strongly consistent, so a deleted credential stops working at once, wherever the gate reads KV from.
 */

export function markCredentialDeleted(sql: SqlStorage, id: string, nowMs: number): void {
  sql.exec("INSERT INTO deleted_credentials (id, deleted_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", id, nowMs);
}

export function deletedCredentialIds(sql: SqlStorage): Set<string> {
  return new Set(
    sql
      .exec<{ id: string }>("SELECT id FROM deleted_credentials")
      .toArray()
      .map((row) => row.id),
  );
}
