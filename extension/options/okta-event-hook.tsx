import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { OktaEventHookSecretsSchema, type OktaEventHookView, OktaEventHookViewSchema } from "../../shared/okta-event-hook";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyButton, CopyField } from "./copy-button";
import { Field } from "./field";
import { clearSecret, formValues, optional } from "./form-values";
import { LoadedView } from "./loaded-view";
import { generateSecret } from "./secret";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

type PanelProps = {
  orgId: string;
  view: OktaEventHookView;
  onSaved: (view: OktaEventHookView) => void;
  /** Prefix of the controls' IDs, unique on the page. */
  idPrefix: string;
  /** Injected for tests; the browser's CSPRNG otherwise. */
  newSecret?: () => string;
};

/**
 * What Okta's event hook needs (docs/okta-event-hook.md): the URL, the header and the event types to paste into Okta
 * (Workflow → Event Hooks), and the secret Okta sends in that header. The secret is made here with the browser's
 * CSPRNG, shown once to be copied into Okta, then saved to the worker, which seals it and never answers it back. A
 * rotation keeps the current secret accepted too, until Okta sends the new one.
 */
export function OktaEventHookPanel({ orgId, view, onSaved, idPrefix, newSecret = generateSecret }: PanelProps) {
  const { busy, message, setMessage, run } = useAction();
  const [generated, setGenerated] = useState<string | null>(null);

  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const current = optional(formValues(form).current);
    clearSecret(form, "current");
    if (generated === null) return setMessage({ tone: "error", text: "Not saved: generate a secret first." });
    // Old first, new second: the worker accepts either while Okta changes over.
    const parsed = OktaEventHookSecretsSchema.safeParse({ secrets: current === undefined ? [generated] : [current, generated] });
    if (!parsed.success) return setMessage({ tone: "error", text: "Not saved: the current secret must be 24 to 512 characters." });
    void run(
      "save",
      () => apiCall("PUT", orgPath(orgId, "okta", "event-hook"), OktaEventHookViewSchema, parsed.data),
      (saved) => {
        onSaved(saved);
        return `Event hook secret saved (${saved.secrets} accepted). Paste it into Okta now if you have not: it is not shown again.`;
      },
    );
  };

  return (
    <div class="hook" data-poc="okta-event-hook">
      <CopyField label="Event hook URL (Okta: Workflow → Event Hooks)" value={view.hookUrl} poc="hook-url" />
      <CopyField label="Authentication field (header name)" value={view.authorizationHeader} poc="hook-header" />
      <div class="copy-field">
        <span class="label">Event types to subscribe ({view.eventTypes.length})</span>
        <CopyButton value={view.eventTypes.join("\n")} label="event types to subscribe" />
      </div>
      <ul class="event-types" data-poc="hook-event-types">
        {view.eventTypes.map((type) => (
          <li key={type}>
            <code>{type}</code>
          </li>
        ))}
      </ul>
      <p data-poc="hook-status">
        {view.configured ? `Secret set (${view.secrets} accepted${view.secrets === 2 ? ": a rotation is in progress" : ""}).` : "No event hook secret yet."}
      </p>
      <form onSubmit={save} noValidate data-poc="hook-secret-form">
        <div class="inline">
          <button type="button" data-poc="generate-hook-secret" disabled={busy !== null} onClick={() => setGenerated(newSecret())}>
            {generated === null ? "Generate a secret" : "Generate another"}
          </button>
        </div>
        {generated !== null && (
          <div class="panel one-time" data-poc="new-hook-secret">
            <CopyField label="New event hook secret" value={generated} poc="hook-secret-value" />
            <p class="hint">Shown only here and only now: paste it into Okta as the Authentication secret, and save it below.</p>
            <button type="button" data-poc="dismiss-hook-secret" onClick={() => setGenerated(null)}>
              I have pasted it into Okta: hide it
            </button>
          </div>
        )}
        {view.configured && (
          <Field id={`${idPrefix}-current`} label="Current secret to keep accepting during the change (optional)">
            <input id={`${idPrefix}-current`} name="current" type="password" autoComplete="off" spellcheck={false} />
          </Field>
        )}
        <BusyButton type="submit" poc="save-hook-secret" busy={busy} action="save" working="Saving…" disabled={generated === null}>
          Save the new secret
        </BusyButton>
        {generated === null && <span class="hint"> Generate a secret first.</span>}
      </form>
      <Announce message={message} />
    </div>
  );
}

/** The Okta section's own copy of the event hook (admin). */
export function OktaEventHookSection({ orgId }: { orgId: string }) {
  const { loaded, replace } = useLoad(() => apiCall("GET", orgPath(orgId, "okta", "event-hook"), OktaEventHookViewSchema), [orgId]);
  return (
    <section data-section="okta-event-hook" aria-labelledby="okta-event-hook-heading">
      <h2 id="okta-event-hook-heading">Okta event hook</h2>
      <p class="hint">Okta tells the worker about changes made outside this product, so the panel never shows a stale account.</p>
      <LoadedView loaded={loaded} what="the event hook">
        {(view) => <OktaEventHookPanel orgId={orgId} view={view} onSaved={replace} idPrefix="hook" />}
      </LoadedView>
    </section>
  );
}
