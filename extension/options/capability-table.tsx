import type { CapabilityReport } from "../../shared/capability";
import { DataTable } from "./data-table";

/**
 * A credential's "Test" report: per operation whether it is usable, Okta's own words when not, and the fix in
 * Okta Admin (the scope to grant, the admin-role permission). Only scopes Okta refused are shown as "to grant".
 */
export function CapabilityTable({ report, nickname }: { report: CapabilityReport; nickname: string }) {
  const missing = new Set(report.missingScopes);
  return (
    <div data-poc="capability-report" data-ok={String(report.ok)}>
      <p data-poc="capability-summary">
        {report.ok ? `${nickname}: every operation is usable.` : `${nickname}: ${report.operations.filter((op) => !op.usable).length} operation(s) not usable.`}
        {report.missingScopes.length > 0 ? ` Scopes to grant: ${report.missingScopes.join(", ")}.` : ""}
        {report.dpopRequired ? " Okta requires DPoP for this app (handled by the worker)." : ""}
      </p>
      <DataTable caption={`Capabilities of ${nickname}`} columns={["Operation", "Usable", "Okta error", "Scope to grant", "Admin-role permission"]}>
        {report.operations.map((op) => (
          <tr key={op.action} data-action={op.action} data-usable={String(op.usable)}>
            <th scope="row">{op.action}</th>
            <td>{op.usable ? "yes" : "no"}</td>
            <td>{op.usable ? "—" : [op.oktaErrorCode, op.oktaErrorSummary ?? op.reason].filter(Boolean).join(": ")}</td>
            <td data-poc="scope-to-grant">{missing.has(op.scope) ? op.scope : "—"}</td>
            <td>{op.usable ? "—" : op.permission}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
