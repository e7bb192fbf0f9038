import type { TargetedSubmitEvent } from "preact";
import type { z } from "zod";
import { CreateApiKeyCredentialSchema, CreateApiServiceCredentialSchema, CreatedCredentialSchema } from "../../shared/credentials";
import type { Reply } from "../lib/protocol";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { Field, Options } from "./field";
import { clearSecret, formValues, issueText, optional } from "./form-values";
import type { Announcement } from "./status";

type Created = z.infer<typeof CreatedCredentialSchema>;
type Props = {
  orgId: string;
  busy: string | null;
  run: (name: string, action: () => Promise<Reply<Created>>, onOk: (created: Created) => string) => Promise<boolean>;
  setMessage: (message: Announcement) => void;
  onCreated: (created: Created) => void;
};

/** Adds an Okta API Service app: the worker makes the key pair and answers the JWKS URL to give Okta. */
export function AddApiServiceForm({ orgId, busy, run, setMessage, onCreated }: Props) {
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const parsed = CreateApiServiceCredentialSchema.safeParse({
      type: "okta_api_service",
      nickname: values.nickname ?? "",
      orgUrl: optional(values.orgUrl),
      adminConsoleHost: optional(values.adminConsoleHost),
      clientId: (values.clientId ?? "").trim(),
      alg: values.alg,
    });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not added: ${issueText(parsed.error)}` });
    void run(
      "add-service",
      () => apiCall("POST", orgPath(orgId, "credentials"), CreatedCredentialSchema, parsed.data),
      (created) => {
        form.reset();
        onCreated(created);
        return `Added ${created.nickname}: give Okta its JWKS URL (steps below).`;
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-poc="add-api-service" aria-labelledby="add-service-heading">
      <h3 id="add-service-heading">Add an API Service app (recommended)</h3>
      <CredentialNameFields prefix="svc" />
      <Field id="svc-clientId" label="Client ID">
        <input id="svc-clientId" name="clientId" placeholder="0oa…" autoComplete="off" spellcheck={false} required />
      </Field>
      <Field id="svc-alg" label="Key algorithm">
        <select id="svc-alg" name="alg">
          <Options values={["RS256", "ES256"]} initial="RS256" />
        </select>
      </Field>
      <BusyButton type="submit" busy={busy} action="add-service" working="Adding…">
        Add API Service app
      </BusyButton>
    </form>
  );
}

/**
 * Adds an Okta API token (SSWS). The token goes to the worker once, sealed there, and is never shown again: the
 * field is a password field and is emptied whether or not the worker accepted it.
 */
export function AddApiKeyForm({ orgId, busy, run, setMessage, onCreated }: Props) {
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    clearSecret(form, "token");
    const parsed = CreateApiKeyCredentialSchema.safeParse({
      type: "okta_api_key",
      nickname: values.nickname ?? "",
      orgUrl: optional(values.orgUrl),
      adminConsoleHost: optional(values.adminConsoleHost),
      token: (values.token ?? "").trim(),
    });
    // The issue names the field, never the token.
    if (!parsed.success)
      return setMessage({
        tone: "error",
        text: `Not added: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.path[0] === "token" ? "an Okta API token" : issue.message}`).join("; ")}`,
      });
    void run(
      "add-key",
      () => apiCall("POST", orgPath(orgId, "credentials"), CreatedCredentialSchema, parsed.data),
      (created) => {
        form.reset();
        onCreated(created);
        return `Added ${created.nickname}.`;
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-poc="add-api-key" aria-labelledby="add-key-heading">
      <h3 id="add-key-heading">Add an API token (testing)</h3>
      <CredentialNameFields prefix="key" />
      <Field id="key-token" label="API token (SSWS)">
        <input id="key-token" name="token" type="password" autoComplete="off" spellcheck={false} required />
      </Field>
      <BusyButton type="submit" busy={busy} action="add-key" working="Adding…">
        Add API token
      </BusyButton>
    </form>
  );
}

/**
 * What both kinds of credential are named by: a nickname, the Okta org they act on, and the admin console host the
 * panel must be on to act with it (derived for an `https://<org>.okta.com` URL; needed for a custom domain).
 */
function CredentialNameFields({ prefix }: { prefix: string }) {
  return (
    <>
      <Field id={`${prefix}-nickname`} label="Nickname">
        <input id={`${prefix}-nickname`} name="nickname" required />
      </Field>
      <Field id={`${prefix}-orgUrl`} label="Okta org URL">
        <input id={`${prefix}-orgUrl`} name="orgUrl" type="url" placeholder="https://acme.okta.com" required />
      </Field>
      <Field id={`${prefix}-adminConsoleHost`} label="Admin console host (custom domain only)">
        <input id={`${prefix}-adminConsoleHost`} name="adminConsoleHost" placeholder="acme-admin.okta.com" spellcheck={false} />
      </Field>
    </>
  );
}
