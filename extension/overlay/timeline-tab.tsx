import type { ComponentChildren } from "preact";
import type { TimelineSource } from "../../shared/timeline";
import { describeError } from "./describe-error";
import { AUDIT_FORBIDDEN, SOURCE_FAILED, SOURCE_LABEL, systemLogUrl } from "./timeline-copy";
import { TimelineEntry } from "./timeline-item";
import type { TimelineControl } from "./use-timeline";

const SOURCES: readonly TimelineSource[] = ["okta", "persona", "audit"];

/**
 * The Timeline tab (docs/timeline.md): what happened to the account and from where, newest first, from Okta's
 * System Log, Persona and this product's audit. Source filters, the marked items' badges, a notice per failing
 * source above a list that still shows the others, "Load older", and the full System Log query in Okta.
 */
export function TimelineTab({
  control,
  userId,
  adminConsoleHost,
  nowMs,
  exporter,
}: {
  control: TimelineControl;
  userId: string;
  /** The answering credential's console, for the System Log link; null when not known. */
  adminConsoleHost: string | null;
  nowMs: number;
  /** The evidence export, for operators and admins on the user's own console. */
  exporter?: ComponentChildren;
}) {
  const { sources, items, errors, busy, failure } = control;
  return (
    <section class="part" aria-label="Timeline" data-poc="timeline-tab" aria-busy={busy !== "idle"}>
      <fieldset class="filters">
        <legend class="hint">Show</legend>
        {SOURCES.map((source) => {
          const on = sources.includes(source);
          return (
            <label key={source}>
              <input
                type="checkbox"
                data-poc-filter={source}
                checked={on}
                // The last source shown stays: an empty filter would show nothing at all.
                disabled={on && sources.length === 1}
                onChange={() => control.toggle(source)}
              />{" "}
              {SOURCE_LABEL[source]}
            </label>
          );
        })}
        {adminConsoleHost ? (
          <a href={systemLogUrl(adminConsoleHost, userId)} target="_blank" rel="noopener noreferrer" data-poc="system-log-link">
            Full System Log in Okta
          </a>
        ) : null}
      </fieldset>
      {exporter}
      {SOURCES.map((source) => {
        const error = errors[source];
        if (!error || !sources.includes(source)) return null;
        const quiet = source === "audit" && error.code === "forbidden";
        return (
          <p key={source} class={quiet ? "hint" : "notice bad"} data-poc-source-error={source}>
            {quiet ? AUDIT_FORBIDDEN : `${SOURCE_FAILED[source]}: ${error.message} [${error.code}]. The other sources are shown.`}
          </p>
        );
      })}
      {failure ? (
        <p class="notice bad" data-poc="timeline-error">
          The timeline could not be read: {describeError(failure)}
        </p>
      ) : null}
      {busy === "loading" && items.length === 0 ? (
        <p class="hint" data-poc="timeline-loading">
          Reading the timeline…
        </p>
      ) : control.loaded && items.length === 0 ? (
        <p class="hint" data-poc="timeline-empty">
          Nothing in the last 90 days from the sources shown.
        </p>
      ) : (
        <ol class="plain timeline" data-poc="timeline">
          {items.map((item) => (
            <TimelineEntry key={item.id} item={item} nowMs={nowMs} />
          ))}
        </ol>
      )}
      {control.next !== null ? (
        <button type="button" data-poc="load-older" disabled={busy !== "idle"} onClick={control.older}>
          {busy === "older" ? "Loading older…" : "Load older"}
        </button>
      ) : null}
    </section>
  );
}
