import type { SpUrls } from "../../shared/sso";

/**
 * A refused sign-in (`sso.login_failed` in the org log) in an admin's words, and what to change: most refusals are
 * one field of the Okta SAML app that does not say what the worker expects, or certificates that changed in Okta.
 * Codes not listed keep the worker's own message.
 */
export function ssoFailureWords(code: string | null, message: string, sp: SpUrls): { words: string; fix: string } {
  switch (code) {
    case "saml_audience_mismatch":
      return { words: "Okta sent the assertion for another audience.", fix: `Set the Okta app's Audience URI (SP Entity ID) to ${sp.entityId}.` };
    case "saml_destination_mismatch":
    case "saml_recipient_mismatch":
    case "saml_subject_confirmation_invalid":
      return {
        words: "Okta sent the response to another address.",
        fix: `Set the Okta app's Single sign-on URL to ${sp.acsUrl} and use it for Recipient and Destination.`,
      };
    case "saml_signature_invalid":
    case "saml_signature_missing":
      return {
        words: "The response is not signed with a certificate the worker pinned.",
        fix: "Okta may have rolled its signing certificate: Get metadata again. Keep Response and Assertion signing at Okta's defaults.",
      };
    case "saml_issuer_mismatch":
      return { words: "The response comes from another Okta app than the one imported.", fix: "Paste this app's metadata URL and Get metadata again." };
    case "saml_email_missing":
    case "saml_email_ambiguous":
    case "saml_email_invalid":
      return { words: "The assertion has no single email address.", fix: "In the Okta app, add the attribute statement email → user.email." };
    case "saml_unsolicited_disabled":
      return { words: "Someone signed in from the Okta tile, which is turned off.", fix: "Sign in at the test sign-in link, or allow IdP-initiated sign-in." };
    case "saml_expired":
    case "saml_not_yet_valid":
      return { words: "The assertion's time window does not include the worker's time.", fix: "Check the clock of the machine that signs (Okta's is right)." };
    case "saml_replayed":
    case "saml_in_response_to_unknown":
    case "saml_in_response_to_mismatch":
      return { words: "The response was already used, or answers a sign-in this worker did not start.", fix: "Start again from the test sign-in link." };
    default:
      return { words: message, fix: "See the code in the organization's log; the SAML checks are listed in docs/saml-checks.md." };
  }
}
