import type { AuditEntry } from "../../shared/audit";

/**
 * What the audit table filters on in the page. The worker's `GET …/audit` filters by user only (`userId`), so
 * action, result and actor are matched here, on the entries loaded so far (newest first, page by page).
 */
export interface AuditFilter {
  /** An exact action name, or "" for any. */
  action: string;
  /** success | refused | failed, or "" for any. */
  result: string;
  /** Part of the actor's label or ID, case-insensitive, or "" for anyone. */
  actor: string;
}

export const NO_FILTER: AuditFilter = { action: "", result: "", actor: "" };

/** The entries that pass every filter that is set, in their order. */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const actor = filter.actor.trim().toLowerCase();
  return entries.filter(
    (entry) =>
      (filter.action === "" || entry.action === filter.action) &&
      (filter.result === "" || entry.result === filter.result) &&
      (actor === "" || entry.actor.label.toLowerCase().includes(actor) || entry.actor.id.toLowerCase().includes(actor)),
  );
}

/** The actions present in the loaded entries, sorted, for the action filter's choices. */
export function actionsIn(entries: readonly AuditEntry[]): string[] {
  return [...new Set(entries.map((entry) => entry.action))].sort();
}

/** Loaded pages joined, each entry once (a page boundary can repeat one when entries arrive between reads). */
export function appendPage(loaded: readonly AuditEntry[], page: readonly AuditEntry[]): AuditEntry[] {
  const seen = new Set(loaded.map((entry) => entry.id));
  return [...loaded, ...page.filter((entry) => !seen.has(entry.id))];
}

/** What an entry adds beyond its columns: the fields a configuration change touched, or how a gated action was allowed. */
export function auditDetails(entry: AuditEntry): string {
  const parts: string[] = [];
  if (entry.changes) {
    const fields = [...new Set([...Object.keys(entry.changes.before ?? {}), ...Object.keys(entry.changes.after ?? {})])];
    if (fields.length > 0) parts.push(`${entry.changes.before ? "changed" : "set"}: ${fields.join(", ")}`);
  }
  if (entry.recovery?.kind === "verification") parts.push(`verified by ${entry.recovery.verificationId}`);
  if (entry.recovery?.kind === "override") parts.push(`override: ${entry.recovery.reason}`);
  return parts.join("; ");
}
