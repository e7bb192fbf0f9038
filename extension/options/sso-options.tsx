import { useState } from "preact/hooks";
import { type SsoOptions, type SsoPatch, type SsoView, SsoViewSchema } from "../../shared/sso";
import { apiCall, orgPath } from "./api";
import { Announce, useAction } from "./status";

type OptionKey = keyof SsoOptions;

/** Each SAML option, and the one thing to set in the Okta SAML app to match it (SAML Settings → Show Advanced Settings). */
const OPTIONS: readonly { key: OptionKey; label: string; okta: (sp: SsoView["sp"]) => string }[] = [
  {
    key: "requireEncryptedAssertions",
    label: "Require encrypted assertions",
    okta: () => "In Okta: Assertion Encryption = Encrypted, Encryption Certificate = the SP's encryption certificate (from the SP metadata).",
  },
  {
    key: "signAuthnRequests",
    label: "Sign AuthnRequests",
    okta: () => "In Okta: Signature Certificate = the SP's signing certificate (from the SP metadata); Okta then checks every request's signature.",
  },
  {
    key: "singleLogout",
    label: "Single logout",
    okta: (sp) =>
      `In Okta: Enable Single Logout, Single Logout URL = ${sp.sloUrl}, SP Issuer = ${sp.entityId}, Signature Certificate = the SP's signing certificate.`,
  },
];

/**
 * The SAML options (PATCH /api/orgs/{org}/sso), each a checkbox saved as soon as it changes, with what to set in
 * Okta beside it: turning one on here without the matching Okta setting makes sign-in fail, so the line says which.
 */
export function SsoOptionsForm({ orgId, view, onChanged }: { orgId: string; view: SsoView; onChanged: (view: SsoView) => void }) {
  const { busy, message, run } = useAction();
  // The box being saved shows what was ticked until the worker answers (then its answer), not a flicker back.
  const [saving, setSaving] = useState<{ key: OptionKey; value: boolean } | null>(null);
  const options = view.options;
  if (!options) return null;
  const save = (key: OptionKey, value: boolean) => {
    setSaving({ key, value });
    void run(
      `option:${key}`,
      () => apiCall("PATCH", orgPath(orgId, "sso"), SsoViewSchema, { [key]: value } satisfies SsoPatch),
      (next) => {
        onChanged(next);
        return `${OPTIONS.find((option) => option.key === key)!.label}: ${value ? "on" : "off"}.`;
      },
    ).finally(() => setSaving(null));
  };
  return (
    <fieldset data-poc="sso-options">
      <legend>SAML options</legend>
      {OPTIONS.map((option) => (
        <div key={option.key} class="field">
          <label>
            <input
              type="checkbox"
              name={option.key}
              data-poc={`sso-option-${option.key}`}
              checked={saving?.key === option.key ? saving.value : options[option.key]}
              disabled={busy !== null}
              aria-describedby={`sso-option-${option.key}-hint`}
              onChange={(event) => save(option.key, event.currentTarget.checked)}
            />{" "}
            {option.label}
          </label>
          <p class="hint" id={`sso-option-${option.key}-hint`}>
            {option.okta(view.sp)}
          </p>
        </div>
      ))}
      <Announce message={message} />
    </fieldset>
  );
}
