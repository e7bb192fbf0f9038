/**
 * Deletes the sign-in state that can no longer be used. Run before sign-in writes (not on a timer) so the tables
 * stay bounded by the traffic of the last TTL. It is housekeeping, not a check: every reader compares expiry
 * itself, so a row that outlived its TTL between two prunes is still refused.
 */
export function pruneExpired(sql: SqlStorage, nowMs: number): void {
  sql.exec("DELETE FROM authn_requests WHERE expires_at <= ?", nowMs);
  sql.exec("DELETE FROM consumed_assertions WHERE expires_at <= ?", nowMs);
  sql.exec("DELETE FROM sessions WHERE expires_at <= ?", nowMs);
  sql.exec("DELETE FROM extension_logins WHERE expires_at <= ?", nowMs);
  sql.exec("DELETE FROM extension_codes WHERE expires_at <= ?", nowMs);
}
