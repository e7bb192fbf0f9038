import type { StepStatus } from "./setup-status";
import { SetupStep } from "./setup-step";
import { MetadataImportForm, SpUrlFields, TestSignInLink } from "./sso-parts";
import type { SetupData } from "./use-setup-data";

/**
 * 1. SSO: the URLs to paste into a new Okta SAML app, its metadata URL imported here, and a test sign-in whose
 * outcome the step reads back from the org log ("Check again" after trying it).
 */
export function SsoStep({ orgId, data, status }: { orgId: string; data: Pick<SetupData, "sso" | "log">; status: StepStatus | null }) {
  const { sso, log } = data;
  return (
    <SetupStep n={1} id="sso" title="Sign-in with Okta (SAML)" status={status} more={{ href: "#okta", label: "All SSO settings, in Okta ›" }}>
      {sso.loaded.state === "ready" && (
        <>
          <p class="hint">
            Okta Admin → Applications → Create App Integration → SAML 2.0. Paste these, set Name ID format to EmailAddress and add the attribute statement{" "}
            <code>email</code> → <code>user.email</code>:
          </p>
          <SpUrlFields sp={sso.loaded.data.sp} />
          <MetadataImportForm
            orgId={orgId}
            idPrefix="setup-sso"
            view={sso.loaded.data}
            onImported={(view) => {
              sso.replace(view);
              log.reload();
            }}
          />
          <div class="inline">
            <TestSignInLink sp={sso.loaded.data.sp} />
            <button type="button" data-poc="recheck-sign-in" onClick={log.reload}>
              Check the last sign-in again
            </button>
          </div>
        </>
      )}
    </SetupStep>
  );
}
