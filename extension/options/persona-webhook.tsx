import type { TargetedSubmitEvent } from "preact";
import { WebhookSecretsInputSchema, type WebhookView, WebhookViewSchema } from "../../shared/persona-rules";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { Field } from "./field";
import { clearSecret, formValues } from "./form-values";
import { Announce, useAction } from "./status";

/**
 * Persona's webhook: the URL to add in Persona's dashboard (Webhooks), and the secret Persona shows there, which
 * signs every event. The secret is a password field, emptied as soon as it is read; the worker never answers it.
 */
export function PersonaWebhookPanel({
  orgId,
  view,
  onSaved,
  idPrefix,
}: {
  orgId: string;
  view: WebhookView;
  onSaved: (view: WebhookView) => void;
  idPrefix: string;
}) {
  const { busy, message, setMessage, run } = useAction();
  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const secret = formValues(form).secret ?? "";
    clearSecret(form, "secret");
    const parsed = WebhookSecretsInputSchema.safeParse({ secrets: [secret.trim()] });
    if (!parsed.success) return setMessage({ tone: "error", text: "Not saved: the webhook secret must be 16 to 256 characters." });
    void run(
      "webhook",
      () => apiCall("PUT", orgPath(orgId, "persona", "webhook"), WebhookViewSchema, parsed.data),
      (saved) => {
        onSaved(saved);
        return "Webhook secret saved.";
      },
    );
  };
  return (
    <div class="hook" data-poc="persona-webhook">
      <CopyField label="Webhook URL (give it to Persona)" value={view.webhookUrl} poc="webhook-url" />
      <p data-poc="webhook-status">{view.configured ? `Secret set (${view.secrets}).` : "No webhook secret yet."}</p>
      <form onSubmit={save} noValidate data-poc="webhook-secret">
        <Field id={`${idPrefix}-secret`} label="Webhook secret (from Persona)">
          <input id={`${idPrefix}-secret`} name="secret" type="password" autoComplete="off" spellcheck={false} required />
        </Field>
        <BusyButton type="submit" busy={busy} action="webhook" working="Saving…">
          Save secret
        </BusyButton>
      </form>
      <Announce message={message} />
    </div>
  );
}
