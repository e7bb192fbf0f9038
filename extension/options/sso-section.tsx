import type { TargetedSubmitEvent } from "preact";
import { SsoConfigInputSchema, type SsoView, SsoViewSchema } from "../../shared/sso";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { Field } from "./field";
import { formValues, issueText } from "./form-values";
import { formatTime } from "./format";
import { LoadedView } from "./loaded-view";
import { Announce, useAction } from "./status";
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
    void run(
      "metadata",
      () => apiCall("PUT", orgPath(orgId, "sso"), SsoViewSchema, parsed.data),
      (view) => {
        replace(view);
        if (!view.configured) return "The worker answered without an IdP configuration.";
        return `Metadata imported from ${view.metadataUrl ?? "the IdP"}: ${view.certificates.length} signing certificate(s) pinned.`;
      },
    );
  };

  return (
    <section data-section="sso" aria-labelledby="sso-heading">
      <h2 id="sso-heading">SAML single sign-on</h2>
      <LoadedView loaded={loaded} what="the SSO configuration">
        {(view) => (
          <>
            <p class="hint">In the Okta SAML app (General &gt; SAML Settings), paste:</p>
            <CopyField label="Single sign-on URL (ACS URL)" value={view.sp.acsUrl} poc="acs-url" />
            <CopyField label="Audience URI (SP Entity ID)" value={view.sp.entityId} poc="audience-uri" />
            <form onSubmit={fetchMetadata} noValidate>
              <Field id="sso-metadata-url" label="IdP metadata URL">
                <input
                  id="sso-metadata-url"
                  name="metadataUrl"
                  type="url"
                  placeholder="https://acme.okta.com/app/…/sso/saml/metadata"
                  defaultValue={(view.configured ? view.metadataUrl : undefined) ?? ""}
                />
              </Field>
              <BusyButton type="submit" poc="get-metadata" busy={busy} action="metadata" working="Getting metadata…">
                Get metadata
              </BusyButton>
            </form>
            <SsoSummary view={view} />
          </>
        )}
      </LoadedView>
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
