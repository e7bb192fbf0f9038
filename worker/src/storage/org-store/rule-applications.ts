/**
 * Lets a rule act on a user for an event only if no event at least as recent was applied by that rule to that
 * user: deliveries arrive out of order, and an old "Declined" must not undo what a newer event decided.
 * True when the caller may act (and records the event time); false when a newer or equal event already won.
 */
export function claimRuleApplication(sql: SqlStorage, ruleId: string, targetUserId: string, eventAtMs: number): boolean {
  const row = sql.exec("SELECT event_at FROM rule_applications WHERE rule_id = ? AND target = ?", ruleId, targetUserId).toArray()[0];
  if (row && Number(row.event_at) >= eventAtMs) return false;
  sql.exec(
    "INSERT INTO rule_applications (rule_id, target, event_at) VALUES (?, ?, ?) ON CONFLICT (rule_id, target) DO UPDATE SET event_at = excluded.event_at",
    ruleId,
    targetUserId,
    eventAtMs,
  );
  return true;
}
