import type { AuditEntry } from "../../shared/audit";
import { relativeTime } from "./format";

const MAX_ENTRIES = 5;

/** The latest audited actions on this user (operators and admins; viewers may not read the audit). */
export function RecentActions({ entries, nowMs }: { entries: AuditEntry[] | null; nowMs: number }) {
  if (entries === null) return null;
  return (
    <section class="part" aria-label="Recent actions">
      <h3>Recent actions</h3>
      {entries.length === 0 ? (
        <p class="hint" data-poc="recent-audit-empty">
          No actions on this user through the companion yet.
        </p>
      ) : (
        <ul class="plain" data-poc="recent-audit">
          {entries.slice(0, MAX_ENTRIES).map((entry) => (
            <li key={entry.id}>
              <span class={`badge ${entry.result === "success" ? "good" : "bad"}`}>{entry.result}</span> {entry.action} by {entry.actor.label}{" "}
              <span class="hint" title={entry.at}>
                {relativeTime(entry.at, nowMs)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
