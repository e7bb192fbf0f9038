import type { CapabilityReport } from "../../shared/capability";
import { DataTable, ScrollBox } from "./data-table";

/**
 * A credential's "Test" report, one row per operation: whether it is usable, the scope to grant and the admin-role
 * permission to give the app in Okta Admin when it is not, the fix in words, and Okta's own answer. Only scopes
 * Okta refused are shown as "to grant"; an API token has no scopes (its user's admin role decides).
 */
export function CapabilityTable({ report, nickname }: { report: CapabilityReport; nickname: string }) {
  const missing = new Set(report.missingScopes);
  const unusable = report.operations.filter((op) => !op.usable).length;
  const token = report.type === "okta_api_key";
  return (
    <div data-poc="capability-report" data-ok={String(report.ok)}>
      <p data-poc="capability-summary">
        {report.ok ? `${nickname}: every operation is usable.` : `${nickname}: ${unusable} of ${report.operations.length} operation(s) not usable.`}
        {report.missingScopes.length > 0 ? ` Scopes to grant: ${report.missingScopes.join(", ")}.` : ""}
        {report.dpopRequired ? " Okta requires DPoP for this app (handled by the worker)." : ""}
      </p>
      <ScrollBox label={`Capabilities of ${nickname}, scrollable`}>
        <DataTable caption={`Capabilities of ${nickname}`} columns={["Operation", "Usable", "Scope to grant", "Admin-role permission", "Fix"]}>
          {report.operations.map((op) => (
            <tr key={op.action} data-action={op.action} data-usable={String(op.usable)}>
              <th scope="row">{op.action}</th>
              <td data-poc="usable">{op.usable ? "yes" : "no"}</td>
              <td data-poc="scope-to-grant" class="nowrap">
                {missing.has(op.scope) ? <code>{op.scope}</code> : token && !op.usable ? "— (API token: no scopes)" : "—"}
              </td>
              <td data-poc="permission">{op.usable ? "—" : op.permission}</td>
              <td>
                <span data-poc="fix">{op.usable ? "—" : (op.remedy ?? op.reason)}</span>
                {!op.usable && (op.oktaErrorCode || op.oktaErrorSummary) && (
                  <span class="okta-answer" data-poc="okta-answer">
                    Okta said: {[op.oktaErrorCode, op.oktaErrorSummary].filter(Boolean).join(": ")}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </ScrollBox>
    </div>
  );
}
