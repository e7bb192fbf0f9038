import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { AuditResultSchema } from "../../shared/audit";
import { type AuditFilter, actionsIn, filterAudit, NO_FILTER } from "./audit-filter";
import { AuditTable } from "./audit-table";
import { Field } from "./field";
import { formValues, optional } from "./form-values";
import { Empty, ErrorNote, Loading } from "./status";
import { useAuditPages } from "./use-audit-pages";

/**
 * The organization's audit log (operators and admins), newest first, as a table with filters and paging. The worker
 * filters by Okta user (`userId`); action, result and actor are filtered here, over the pages loaded so far, which
 * the page says: "Load older entries" widens what they search.
 */
export function AuditSection({ orgId }: { orgId: string }) {
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const { pages, loadOlder, reload } = useAuditPages(orgId, userId);
  const shown = filterAudit(pages.entries, filter);
  const filtering = filter.action !== "" || filter.result !== "" || filter.actor.trim() !== "";

  const askWorker = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setUserId(optional(formValues(event.currentTarget).userId));
  };
  const set = (change: Partial<AuditFilter>) => setFilter({ ...filter, ...change });

  return (
    <section data-section="audit" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      <form onSubmit={askWorker} class="inline" data-poc="audit-user-filter">
        <Field id="audit-userId" label="Okta user ID (asked of the worker)">
          <input id="audit-userId" name="userId" placeholder="00u…" spellcheck={false} />
        </Field>
        <button type="submit" data-poc="audit-show">
          Show
        </button>
      </form>
      <fieldset class="filters" data-poc="audit-filters">
        <legend>Filter the loaded entries</legend>
        <Field id="audit-action" label="Action">
          <select id="audit-action" value={filter.action} onChange={(event) => set({ action: event.currentTarget.value })}>
            <option value="">any</option>
            {actionsIn(pages.entries).map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-result" label="Result">
          <select id="audit-result" value={filter.result} onChange={(event) => set({ result: event.currentTarget.value })}>
            <option value="">any</option>
            {AuditResultSchema.options.map((result) => (
              <option key={result} value={result}>
                {result}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-actor" label="Actor (part of the name or ID)">
          <input id="audit-actor" value={filter.actor} spellcheck={false} onInput={(event) => set({ actor: event.currentTarget.value })} />
        </Field>
        {filtering && (
          <button type="button" data-poc="audit-clear-filters" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        )}
      </fieldset>
      {pages.state === "loading" ? (
        <Loading what="the audit log" />
      ) : pages.entries.length === 0 ? (
        pages.state !== "error" && <Empty>No audit entries{userId ? ` for ${userId}` : ""}.</Empty>
      ) : (
        <>
          <p data-poc="audit-count" aria-live="polite">
            {filtering ? `${shown.length} of ${pages.entries.length} loaded entries match.` : `${pages.entries.length} entries loaded, newest first.`}
            {filtering && pages.next !== null ? " The filters search the loaded entries only: load older entries to search further back." : ""}
          </p>
          {shown.length > 0 ? <AuditTable entries={shown} /> : <Empty>No loaded entry matches these filters.</Empty>}
        </>
      )}
      {pages.error && <ErrorNote error={pages.error} />}
      <div class="pager inline">
        {pages.next !== null && pages.state !== "loading" && (
          <button
            type="button"
            data-poc="audit-older"
            disabled={pages.state === "loading-older"}
            aria-busy={pages.state === "loading-older" ? "true" : undefined}
            onClick={loadOlder}
          >
            {pages.state === "loading-older" ? "Loading older entries…" : "Load older entries"}
          </button>
        )}
        <button type="button" data-poc="audit-reload" disabled={pages.state === "loading" || pages.state === "loading-older"} onClick={reload}>
          Reload newest
        </button>
      </div>
    </section>
  );
}
