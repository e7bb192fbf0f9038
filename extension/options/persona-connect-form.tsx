import type { TargetedSubmitEvent } from "preact";
import { type PersonaView, PersonaViewSchema, PutPersonaSchema } from "../../shared/persona";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { Field } from "./field";
import { clearSecret, formValues, optional } from "./form-values";
import { Announce, useAction } from "./status";

/**
 * Connects Persona, or replaces its key. The key is a password field, emptied as soon as it is read, sent once and
 * never answered back; a refusal names the field, never the key.
 */
export function PersonaConnectForm({ orgId, idPrefix, onConnected }: { orgId: string; idPrefix: string; onConnected: (view: PersonaView) => void }) {
  const { busy, message, setMessage, run } = useAction();
  const connect = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    clearSecret(form, "apiKey");
    const parsed = PutPersonaSchema.safeParse({ apiKey: values.apiKey ?? "", baseUrl: optional(values.baseUrl) });
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
        onConnected(view);
        return view.configured ? `Connected to Persona (${view.environment}).` : "Saved.";
      },
    );
  };
  return (
    <form onSubmit={connect} noValidate data-poc="connect-persona" aria-labelledby={`${idPrefix}-connect-heading`}>
      <h3 id={`${idPrefix}-connect-heading`}>Connect (or replace the key)</h3>
      <Field id={`${idPrefix}-apiKey`} label="Persona API key">
        <input id={`${idPrefix}-apiKey`} name="apiKey" type="password" autoComplete="off" spellcheck={false} required />
      </Field>
      <Field id={`${idPrefix}-baseUrl`} label="API base URL (optional)">
        <input id={`${idPrefix}-baseUrl`} name="baseUrl" type="url" placeholder="https://api.withpersona.com/api/v1" />
      </Field>
      <BusyButton type="submit" busy={busy} action="connect" working="Connecting…">
        Connect
      </BusyButton>
      <Announce message={message} />
    </form>
  );
}
