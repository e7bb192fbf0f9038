import type { AuditEntry } from "../../shared/audit";
import { auditDetails } from "./audit-filter";
import { DataTable, ScrollBox } from "./data-table";
import { formatTime } from "./format";

/** Audit entries as rows: when, who (and as what role), what on whom, the result with its codes, and Okta's request ID. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <ScrollBox label="Audit entries, scrollable">
      <DataTable poc="audit" caption="Audit entries, newest first" columns={["Time", "Actor", "Action", "Target", "Result", "Okta request ID", "Details"]}>
        {entries.map((entry) => (
          <tr key={entry.id} data-result={entry.result} data-entry={entry.id}>
            <td>
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </td>
            <td>
              {entry.actor.label}
              {entry.role ? ` (${entry.role})` : ""}
              {entry.actor.kind === "user" ? "" : ` · ${entry.actor.kind}`}
            </td>
            <td>{entry.action}</td>
            <td>{entry.targetUserId ?? entry.credentialId ?? "—"}</td>
            <td>
              {entry.result} ({entry.status}){entry.errorCode ? ` ${entry.errorCode}` : ""}
              {entry.oktaErrorCode ? ` · Okta ${entry.oktaErrorCode}` : ""}
            </td>
            <td>{entry.oktaRequestId ? <code>{entry.oktaRequestId}</code> : "—"}</td>
            <td>{auditDetails(entry) || "—"}</td>
          </tr>
        ))}
      </DataTable>
    </ScrollBox>
  );
}
