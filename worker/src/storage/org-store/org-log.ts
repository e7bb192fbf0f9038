/**
 * The organization's own log (why a sign-in failed, in detail): what admins read instead of the terse browser
 * page. Bounded to the newest {@link LOG_LIMIT} entries, since anyone who can reach the ACS can add to it.
 */

export type LogEntry = {
  id: number;
  at: string;
  event: string;
  code: string | null;
  message: string;
  /** JSON object text: RPC types cannot carry `unknown`, so the route parses it. */
  detailsJson: string;
};

export type NewLogEntry = { event: string; code?: string; message: string; details?: Record<string, unknown> };

const LOG_LIMIT = 1000;

export function appendLog(sql: SqlStorage, entry: NewLogEntry, nowMs: number): void {
  sql.exec(
    "INSERT INTO org_log (at, event, code, message, details) VALUES (?, ?, ?, ?, ?)",
    nowMs,
    entry.event,
    entry.code ?? null,
    entry.message,
    JSON.stringify(entry.details ?? {}),
  );
  sql.exec("DELETE FROM org_log WHERE id <= (SELECT MAX(id) FROM org_log) - ?", LOG_LIMIT);
}

/** Newest first; `beforeId` pages by entry ID. */
export function listLog(sql: SqlStorage, limit: number, beforeId?: number): LogEntry[] {
  return sql
    .exec("SELECT * FROM org_log WHERE id < ? ORDER BY id DESC LIMIT ?", beforeId ?? Number.MAX_SAFE_INTEGER, limit)
    .toArray()
    .map((row) => ({
      id: Number(row.id),
      at: new Date(Number(row.at)).toISOString(),
      event: String(row.event),
      code: row.code === null ? null : String(row.code),
      message: String(row.message),
      detailsJson: String(row.details),
    }));
}
