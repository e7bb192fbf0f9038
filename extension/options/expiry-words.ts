import type { ExpiryWarning } from "../../shared/sso";

const WHAT: Record<ExpiryWarning["kind"], string> = {
  idp_certificate: "Okta's SAML signing certificate",
  sp_key: "this worker's SAML key",
  okta_signing_key: "an Okta API credential's signing key",
};
const FIX: Record<ExpiryWarning["kind"], string> = {
  idp_certificate: "In Okta, make a new SAML signing certificate for the app and activate it; the 6-hourly metadata refresh (or Get metadata) pins it.",
  sp_key: "Download the SP metadata (Okta › SSO) and paste its certificate into the Okta app again, as its signature or encryption certificate.",
  okta_signing_key: "Add a new key to the credential, paste the JWKS into Okta, then delete the old key.",
};

/** One expiry warning (GET /sso `warnings`) in plain words, with its fix. */
export function expiryWords(warning: ExpiryWarning): { words: string; fix: string } {
  const when =
    warning.daysLeft < 0
      ? `expired ${-warning.daysLeft} day${warning.daysLeft === -1 ? "" : "s"} ago`
      : warning.daysLeft === 0
        ? "expires today"
        : `expires in ${warning.daysLeft} day${warning.daysLeft === 1 ? "" : "s"}`;
  return { words: `${WHAT[warning.kind]} ${warning.subject} ${when}.`, fix: FIX[warning.kind] };
}

/** The warning to lead with: the critical ones first, then the fewest days left. */
export function worstWarning(warnings: readonly ExpiryWarning[]): ExpiryWarning | null {
  const rank = (w: ExpiryWarning) => (w.severity === "critical" ? -1_000_000 : 0) + w.daysLeft;
  return [...warnings].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
