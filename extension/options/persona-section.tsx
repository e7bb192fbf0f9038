import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { type PersonaTestResult, PersonaTestResultSchema, type PersonaView, PersonaViewSchema, PutPersonaSchema } from "../../shared/persona";
import { WebhookSecretsInputSchema, WebhookViewSchema } from "../../shared/persona-rules";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { Field } from "./field";
import { formValues, optional } from "./form-values";
import { formatTime } from "./format";
import { LoadedView } from "./loaded-view";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

/**
 * The Persona connection (admin): status, connect or re-key (the key is a password field, sent once and never
 * answered back), test, disconnect, and the webhook secret that Persona signs its events with.
 */
export function PersonaSection({ orgId }: { orgId: string }) {
  const connection = useLoad(() => apiCall("GET", orgPath(orgId, "persona"), PersonaViewSchema), [orgId]);
  const webhook = useLoad(() => apiCall("GET", orgPath(orgId, "persona", "webhook"), WebhookViewSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();
  const [tested, setTested] = useState<PersonaTestResult | null>(null);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);

  const connect = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    clearSecret(form, "apiKey");
    const parsed = PutPersonaSchema.safeParse({ apiKey: values.apiKey ?? "", baseUrl: optional(values.baseUrl) });
    // Never the key itself in a message: only which field is wrong.
    if (!parsed.success)
      return setMessage({
        tone: "error",
        text: `Not connected: ${parsed.error.issues.map((issue) => (issue.path[0] === "apiKey" ? "apiKey: a Persona API key (persona_sandbox_… or persona_production_…)" : `${issue.path.join(".")}: ${issue.message}`)).join("; ")}`,
      });
    void run(
      "connect",
      () => apiCall("PUT", orgPath(orgId, "persona"), PersonaViewSchema, parsed.data),
      (view) => {
        form.reset();
        connection.replace(view);
        setTested(null);
        return view.configured ? `Connected to Persona (${view.environment}).` : "Saved.";
      },
    );
  };
  const test = () =>
    void run(
      "test",
      () => apiCall("POST", orgPath(orgId, "persona", "test"), PersonaTestResultSchema),
      (result) => {
        setTested(result);
        return result.ok
          ? `Persona accepts the key (${result.environment}).`
          : `Persona refused: ${result.code ?? "error"}${result.title ? ` — ${result.title}` : ""}.`;
      },
    );
  // The worker deletes the sealed key (and the cached contexts matched with it); the webhook secret is stored apart
  // and stays, so a reconnect needs no change on Persona's side.
  const disconnect = () => {
    setConfirmingDisconnect(false);
    void run(
      "disconnect",
      () => apiCall("DELETE", orgPath(orgId, "persona"), NoContentSchema),
      () => {
        connection.replace({ configured: false });
        setTested(null);
        return "Disconnected from Persona: the API key is deleted. The webhook secret stays.";
      },
    );
  };
  const saveSecret = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const secret = formValues(form).secret ?? "";
    clearSecret(form, "secret");
    const parsed = WebhookSecretsInputSchema.safeParse({ secrets: [secret.trim()] });
    if (!parsed.success) return setMessage({ tone: "error", text: "Not saved: the webhook secret must be 16 to 256 characters." });
    void run(
      "webhook",
      () => apiCall("PUT", orgPath(orgId, "persona", "webhook"), WebhookViewSchema, parsed.data),
      (view) => {
        webhook.replace(view);
        return "Webhook secret saved.";
      },
    );
  };

  return (
    <section data-section="persona" aria-labelledby="persona-heading">
      <h2 id="persona-heading">Persona connection</h2>
      <LoadedView loaded={connection.loaded} what="the Persona connection">
        {(view) => (
          <>
            <PersonaStatus view={view} />
            {view.configured && (
              <div class="inline">
                <BusyButton busy={busy} poc="test-persona" onClick={test} action="test" working="Testing…">
                  Test the connection
                </BusyButton>
                {confirmingDisconnect ? (
                  <>
                    <BusyButton busy={busy} poc="confirm" danger onClick={disconnect}>
                      Disconnect Persona and delete its API key
                    </BusyButton>
                    <button type="button" data-poc="cancel" onClick={() => setConfirmingDisconnect(false)}>
                      Cancel
                    </button>
                  </>
                ) : (
                  <BusyButton busy={busy} poc="disconnect-persona" onClick={() => setConfirmingDisconnect(true)} action="disconnect" working="Disconnecting…">
                    Disconnect
                  </BusyButton>
                )}
              </div>
            )}
          </>
        )}
      </LoadedView>
      {tested && <PersonaTestSummary result={tested} />}
      <form onSubmit={connect} noValidate data-poc="connect-persona">
        <h3>Connect (or replace the key)</h3>
        <Field id="persona-apiKey" label="Persona API key">
          <input id="persona-apiKey" name="apiKey" type="password" autoComplete="off" spellcheck={false} required />
        </Field>
        <Field id="persona-baseUrl" label="API base URL (optional)">
          <input id="persona-baseUrl" name="baseUrl" type="url" placeholder="https://api.withpersona.com/api/v1" />
        </Field>
        <BusyButton type="submit" busy={busy} action="connect" working="Connecting…">
          Connect
        </BusyButton>
      </form>
      <h3>Webhook</h3>
      <LoadedView loaded={webhook.loaded} what="the webhook">
        {(view) => (
          <>
            <CopyField label="Webhook URL (give it to Persona)" value={view.webhookUrl} poc="webhook-url" />
            <p data-poc="webhook-status">{view.configured ? `Secret set (${view.secrets}).` : "No webhook secret yet."}</p>
          </>
        )}
      </LoadedView>
      <form onSubmit={saveSecret} noValidate data-poc="webhook-secret">
        <Field id="persona-secret" label="Webhook secret (from Persona)">
          <input id="persona-secret" name="secret" type="password" autoComplete="off" spellcheck={false} required />
        </Field>
        <BusyButton type="submit" busy={busy} action="webhook" working="Saving…">
          Save secret
        </BusyButton>
      </form>
      <Announce message={message} />
    </section>
  );
}

function PersonaStatus({ view }: { view: PersonaView }) {
  if (!view.configured) return <p data-poc="empty">Persona is not connected.</p>;
  return (
    <p data-poc="persona-status">
      Connected: {view.environment}, {view.baseUrl}; email matching {view.settings.matchByEmail.enabled ? "on" : "off"}; updated {formatTime(view.updatedAt)}.
    </p>
  );
}

function PersonaTestSummary({ result }: { result: PersonaTestResult }) {
  return (
    <p data-poc="persona-test" class={result.ok ? "" : "error"}>
      {result.ok
        ? `Persona accepts the key (${result.environment}, ${result.baseUrl}).`
        : `Persona refused: ${result.code ?? "error"}${result.personaStatus !== null ? ` (HTTP ${result.personaStatus})` : ""}${result.title ? `: ${result.title}` : ""}.${result.remedy ? ` ${result.remedy}` : ""}`}
    </p>
  );
}

/** A secret leaves its field as soon as it is read, accepted or not. */
function clearSecret(form: HTMLFormElement, name: string): void {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement) field.value = "";
}
