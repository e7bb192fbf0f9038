/**
 * Assertion IDs already accepted (docs/saml-checks.md §9), each kept until the assertion could no longer be valid anyway:
 * a captured response replayed within its validity window must not start a second session.
 * True the first time an ID is seen (and records it); false for a replay.
 */
export function recordAssertion(sql: SqlStorage, assertionId: string, replayUntilMs: number): boolean {
  const seen = sql.exec("SELECT 1 FROM consumed_assertions WHERE id = ?", assertionId).toArray();
  if (seen.length > 0) return false;
  sql.exec("INSERT INTO consumed_assertions (id, expires_at) VALUES (?, ?)", assertionId, replayUntilMs);
  return true;
}
