import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { type AuditEntry, AuditPageSchema } from "../../shared/audit";
import { apiCall, orgPath } from "./api";
import { DataTable } from "./data-table";
import { formValues, optional } from "./form-values";
import { formatTime } from "./format";
import { LoadedList } from "./loaded-view";
import { useLoad } from "./use-load";

const PAGE = 50;

/** The organization's audit log, newest first (operators and admins), optionally for one Okta user. */
export function AuditSection({ orgId }: { orgId: string }) {
  const [query, setQuery] = useState<{ userId?: string; before?: number }>({});
  const { loaded } = useLoad(() => apiCall("GET", auditPath(orgId, query), AuditPageSchema), [orgId, query.userId, query.before]);

  const filter = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const userId = optional(formValues(event.currentTarget).userId);
    setQuery(userId === undefined ? {} : { userId });
  };

  return (
    <section data-section="audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <form onSubmit={filter} class="inline">
        <label for="audit-userId">Okta user ID (optional)</label>
        <input id="audit-userId" name="userId" placeholder="00u…" spellcheck={false} />
        <button type="submit">Show</button>
      </form>
      <LoadedList loaded={loaded} what="the audit log" items={(data) => data.entries} empty={`No audit entries${query.userId ? ` for ${query.userId}` : ""}.`}>
        {(entries) => <AuditTable entries={entries} />}
      </LoadedList>
      <div class="pager">
        {query.before !== undefined && (
          <button type="button" onClick={() => setQuery({ ...query, before: undefined })}>
            Newest
          </button>
        )}
        {loaded.state === "ready" && loaded.data.next !== null && (
          <button type="button" data-poc="audit-older" onClick={() => setQuery({ ...query, before: loaded.data.next ?? undefined })}>
            Older
          </button>
        )}
      </div>
    </section>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <DataTable poc="audit" caption="Audit entries, newest first" columns={["Time", "Actor", "Action", "Target", "Result", "Okta request ID"]}>
      {entries.map((entry) => (
        <tr key={entry.id} data-result={entry.result}>
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
        </tr>
      ))}
    </DataTable>
  );
}

function auditPath(orgId: string, query: { userId?: string; before?: number }): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (query.userId !== undefined) params.set("userId", query.userId);
  if (query.before !== undefined) params.set("before", String(query.before));
  return `${orgPath(orgId, "audit")}?${params.toString()}`;
}
