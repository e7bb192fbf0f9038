import { SsoViewSchema } from "../../shared/sso";
import { apiCall, orgPath } from "./api";
import { LoadedView } from "./loaded-view";
import { SignInSettingsForm } from "./sign-in-settings";
import { SpCertificates } from "./sp-certificates";
import { SsoExpiry } from "./sso-expiry";
import { SsoOptionsForm } from "./sso-options";
import { MetadataImportForm, SpUrlFields, SsoSummary, TestSignInLink } from "./sso-parts";
import { SsoRefreshPanel } from "./sso-refresh";
import { useLoad } from "./use-load";

/**
 * SAML SSO (admin): the URLs to paste into the Okta SAML app, "Get metadata" from the app's metadata URL, what it
 * pinned, its refresh (pin, pending change), days left per certificate and key, the SAML options with what to set
 * in Okta, a test sign-in, and the sign-in settings (Okta tile, email attribute).
 */
export function SsoSection({ orgId }: { orgId: string }) {
  const { loaded, replace } = useLoad(() => apiCall("GET", orgPath(orgId, "sso"), SsoViewSchema), [orgId]);
  return (
    <section data-section="sso" aria-labelledby="sso-heading">
      <h2 id="sso-heading">SAML single sign-on</h2>
      <LoadedView loaded={loaded} what="the SSO configuration">
        {(view) => (
          <>
            <p class="hint">In the Okta SAML app (General &gt; SAML Settings), paste:</p>
            <SpUrlFields sp={view.sp} />
            <MetadataImportForm orgId={orgId} idPrefix="sso" view={view} onImported={replace} />
            <SsoSummary view={view} />
            <SsoRefreshPanel orgId={orgId} view={view} onChanged={replace} />
            <SsoExpiry view={view} />
            <SsoOptionsForm orgId={orgId} view={view} onChanged={replace} />
            <SpCertificates sp={view.sp} />
            <TestSignInLink sp={view.sp} />
          </>
        )}
      </LoadedView>
      <SignInSettingsForm orgId={orgId} />
    </section>
  );
}
