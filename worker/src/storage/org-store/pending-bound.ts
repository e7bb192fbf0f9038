/** The tables of one-time IDs this organization issued and waits to see answered (an `id` and an `expires_at`). */
export type PendingTable = "authn_requests" | "logout_requests";

/**
 * Keeps `table` at most `max` rows after inserting `keep`: beyond that, the rows closest to expiry make room (an
 * answer that late is unlikely anyway). Anyone can make these rows, so the bound holds whatever rate limit is in
 * front. True when rows were dropped. The table name is one of the constants above, never input.
 */
export function boundPending(sql: SqlStorage, table: PendingTable, keep: string, max: number): boolean {
  const pending = Number(sql.exec(`SELECT COUNT(*) AS n FROM ${table}`).one().n);
  if (pending <= max) return false;
  sql.exec(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE id != ? ORDER BY expires_at LIMIT ?)`, keep, pending - max);
  return true;
}
