import type { TargetedSubmitEvent } from "preact";
import { type SpUrls, SsoConfigInputSchema, type SsoView, SsoViewSchema } from "../../shared/sso";
import { WorkerUrlSchema } from "../lib/settings-schema";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { Field } from "./field";
import { formValues, issueText } from "./form-values";
import { formatTime } from "./format";
import { Announce, useAction } from "./status";

/** The SP's URLs as the Okta SAML app asks for them (General → SAML Settings), each with its copy button. */
export function SpUrlFields({ sp }: { sp: SpUrls }) {
  return (
    <div data-poc="sp-urls">
      <CopyField label="Single sign-on URL (ACS URL)" value={sp.acsUrl} poc="acs-url" />
      <CopyField label="Audience URI (SP Entity ID)" value={sp.entityId} poc="audience-uri" />
      {sp.metadataUrl !== sp.entityId && <CopyField label="SP metadata URL" value={sp.metadataUrl} poc="sp-metadata-url" />}
    </div>
  );
}

/**
 * "Get metadata": the worker fetches the Okta app's metadata URL and pins its signing certificates. Running it again
 * refreshes them (certificate rollover). A fetch can take seconds: the button says so while it runs.
 */
export function MetadataImportForm({
  orgId,
  idPrefix,
  view,
  onImported,
}: {
  orgId: string;
  idPrefix: string;
  view: SsoView;
  onImported: (view: SsoView) => void;
}) {
  const { busy, message, setMessage, run } = useAction();
  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = SsoConfigInputSchema.safeParse({ metadataUrl: (formValues(event.currentTarget).metadataUrl ?? "").trim() });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not sent: ${issueText(parsed.error)}` });
    void run(
      "metadata",
      () => apiCall("PUT", orgPath(orgId, "sso"), SsoViewSchema, parsed.data),
      (imported) => {
        onImported(imported);
        if (!imported.configured) return "The worker answered without an IdP configuration.";
        return `Metadata imported from ${imported.metadataUrl ?? "the IdP"}: ${imported.certificates.length} signing certificate(s) pinned.`;
      },
    );
  };
  const id = `${idPrefix}-metadata-url`;
  return (
    <form onSubmit={submit} noValidate data-poc="metadata-import">
      <Field id={id} label="Okta app's metadata URL (Sign On tab)">
        <input
          id={id}
          name="metadataUrl"
          type="url"
          placeholder="https://acme.okta.com/app/…/sso/saml/metadata"
          defaultValue={(view.configured ? view.metadataUrl : undefined) ?? ""}
        />
      </Field>
      <BusyButton type="submit" poc="get-metadata" busy={busy} action="metadata" working="Getting metadata…">
        Get metadata
      </BusyButton>
      <Announce message={message} />
    </form>
  );
}

/** What the imported metadata says: the IdP, when it was fetched, and every pinned certificate with its expiry. */
export function SsoSummary({ view }: { view: SsoView }) {
  if (!view.configured) return <p data-poc="empty">No IdP is configured yet: get its metadata above.</p>;
  return (
    <dl data-poc="sso-summary">
      <dt>IdP entity ID</dt>
      <dd>{view.entityId}</dd>
      <dt>IdP sign-on URL</dt>
      <dd>{view.ssoUrl}</dd>
      <dt>Fetched</dt>
      <dd>{formatTime(view.fetchedAt)}</dd>
      <dt>IdP-initiated sign-in (Okta tile)</dt>
      <dd>{view.allowIdpInitiated ? "allowed" : "off"}</dd>
      <dt>Signing certificates</dt>
      <dd>
        <ul>
          {view.certificates.map((certificate) => (
            <li key={certificate.fingerprintSha256}>
              <code>SHA-256 {certificate.fingerprintSha256}</code> — {certificate.subject}, valid until {formatTime(certificate.notAfter)}
              {certificate.expired ? " (EXPIRED)" : ""}
            </li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}

/**
 * The worker's sign-in page: it sends the browser to Okta and back, the whole SAML round trip an admin can try. The
 * URL is the worker's answer, whose schema takes any URL, and this page has the extension's rights: it becomes a
 * link only under the rule the worker URL itself follows (https; http on loopback for `npm run dev`), so a tampered
 * answer's `javascript:` or `data:` URL, or a plain-http page elsewhere, is never one click away. It stays copyable.
 */
export function TestSignInLink({ sp }: { sp: SpUrls }) {
  return (
    <div class="copy-field" data-poc="test-sign-in">
      {WorkerUrlSchema.safeParse(sp.loginUrl).success && (
        <a href={sp.loginUrl} target="_blank" rel="noopener noreferrer" data-poc="test-sign-in-link">
          Test sign-in (opens in a new tab)
        </a>
      )}
      <CopyField label="Sign-in URL" value={sp.loginUrl} poc="login-url" />
    </div>
  );
}
