import type { TargetedSubmitEvent } from "preact";
import { SsoConfigInputSchema, SsoViewSchema, type SsoView } from "../../shared/sso";
import { apiCall, orgPath } from "./api";
import { CopyField } from "./copy-button";
import { formatTime } from "./format";
import { formValues, issueText } from "./form-values";
import { Announce, ErrorNote, Loading, useAction } from "./status";
import { useLoad } from "./use-load";

/**
 * SAML SSO (admin): the two URLs to paste into the Okta SAML app, and "Get metadata" from the IdP's metadata URL,
 * which pins the IdP's signing certificates; running it again refreshes them (certificate rollover).
 */
export function SsoSection({ orgId }: { orgId: string }) {
  const { loaded, replace } = useLoad(() => apiCall("GET", orgPath(orgId, "sso"), SsoViewSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();

  const fetchMetadata = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = SsoConfigInputSchema.safeParse({ metadataUrl: (formValues(event.currentTarget).metadataUrl ?? "").trim() });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not sent: ${issueText(parsed.error)}` });
    void run("metadata", () => apiCall("PUT", orgPath(orgId, "sso"), SsoViewSchema, parsed.data), (view) => {
      replace(view);
      if (!view.configured) return "The worker answered without an IdP configuration.";
      return `Metadata imported from ${view.metadataUrl ?? "the IdP"}: ${view.certificates.length} signing certificate(s) pinned.`;
    });
  };

  return (
    <section data-section="sso" aria-labelledby="sso-heading">
      <h2 id="sso-heading">SAML single sign-on</h2>
      {loaded.state === "loading" && <Loading what="the SSO configuration" />}
      {loaded.state === "error" && <ErrorNote error={loaded.error} />}
      {loaded.state === "ready" && (
        <>
          <p class="hint">In the Okta SAML app (General &gt; SAML Settings), paste:</p>
          <CopyField label="Single sign-on URL (ACS URL)" value={loaded.data.sp.acsUrl} poc="acs-url" />
          <CopyField label="Audience URI (SP Entity ID)" value={loaded.data.sp.entityId} poc="audience-uri" />
          <form onSubmit={fetchMetadata} noValidate>
            <div class="field">
              <label for="sso-metadata-url">IdP metadata URL</label>
              <input id="sso-metadata-url" name="metadataUrl" type="url" placeholder="https://acme.okta.com/app/…/sso/saml/metadata" defaultValue={(loaded.data.configured ? loaded.data.metadataUrl : undefined) ?? ""} />
            </div>
            <button type="submit" data-poc="get-metadata" disabled={busy !== null}>
              {busy ? "Getting metadata…" : "Get metadata"}
            </button>
          </form>
          <SsoSummary view={loaded.data} />
        </>
      )}
      <Announce message={message} />
    </section>
  );
}

function SsoSummary({ view }: { view: SsoView }) {
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
