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

/** Records that Okta's event hook delivered just now (the gate may then keep users' groups; docs/okta-event-hook.md). */
export function markHookDelivery(sql: SqlStorage, nowMs: number): void {
  sql.exec("INSERT INTO meta (key, value) VALUES ('okta_hook_delivered_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", String(nowMs));
}

/** When Okta's event hook last delivered, or null if it never has. */
export function lastHookDelivery(sql: SqlStorage): number | null {
  const row = sql.exec("SELECT value FROM meta WHERE key = 'okta_hook_delivered_at'").toArray()[0];
  return row ? Number(row.value) : null;
}
