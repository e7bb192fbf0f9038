/** Persona webhook event IDs seen in the last {@link WEBHOOK_EVENT_RETENTION_MS}: Persona retries and may deliver twice. */
const WEBHOOK_EVENT_RETENTION_MS = 7 * 24 * 3600_000;

/** True the first time an event ID is seen (and records it); false for a redelivery. */
export function recordWebhookEvent(sql: SqlStorage, eventId: string, nowMs: number): boolean {
  sql.exec("DELETE FROM webhook_events WHERE received_at < ?", nowMs - WEBHOOK_EVENT_RETENTION_MS);
  if (sql.exec("SELECT 1 FROM webhook_events WHERE id = ?", eventId).toArray().length > 0) return false;
  sql.exec("INSERT INTO webhook_events (id, received_at) VALUES (?, ?)", eventId, nowMs);
  return true;
}
