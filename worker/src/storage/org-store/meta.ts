/** Marks the organization as created; false when it already existed (IDs are claimed exactly once). */
export function claimOrg(sql: SqlStorage, nowMs: number): boolean {
  const existing = sql.exec("SELECT value FROM meta WHERE key = 'created_at'").toArray();
  if (existing.length > 0) return false;
  sql.exec("INSERT INTO meta (key, value) VALUES ('created_at', ?)", String(nowMs));
  return true;
}

/** Whether the organization was created: a Durable Object woken under any other name has nothing to act on. */
export function orgClaimed(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM meta WHERE key = 'created_at'").toArray().length > 0;
}
