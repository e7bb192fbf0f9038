import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { childElements, singleChild } from "../xml/children";
import { CM_BEARER, NS } from "./namespaces";
import { parseOptionalSamlTime, parseSamlTime } from "./xml-time";

export type SubjectCheck = {
  subject: Element;
  /** The InResponseTo both the Response and the bearer confirmation carry; undefined for IdP-initiated. */
  inResponseTo: string | undefined;
  confirmationNotOnOrAfterMs: number;
};

const structure = (message: string) => () => new AppError("saml_structure_invalid", message);

/**
 * docs/saml-checks.md §7 (the stateless half) and §8.3 (the bearer subject confirmation).
 * - InResponseTo must agree between the Response and the bearer SubjectConfirmationData: a response
 *   solicited by one request cannot be dressed up as another, nor half of it as unsolicited. Whether the ID was
 *   issued by this organization and is still unused is decided in the organization's Durable Object.
 * - Exactly one bearer SubjectConfirmation, addressed (Recipient) to this ACS and not expired.
 */
export function checkSubject(
  response: Element,
  assertion: Element,
  expected: { acsUrl: string; nowMs: number; skewMs: number; allowUnsolicited: boolean },
): SubjectCheck {
  const subject = singleChild(assertion, NS.assertion, "Subject", structure("more than one Subject"));
  if (!subject) throw new AppError("saml_subject_confirmation_invalid", "Assertion has no Subject");
  const bearers = childElements(subject, NS.assertion, "SubjectConfirmation").filter((confirmation) => confirmation.getAttribute("Method") === CM_BEARER);
  if (bearers.length !== 1) {
    throw new AppError("saml_subject_confirmation_invalid", `expected one bearer SubjectConfirmation, found ${bearers.length}`);
  }
  const data = singleChild(bearers[0]!, NS.assertion, "SubjectConfirmationData", structure("more than one SubjectConfirmationData"));
  if (!data) throw new AppError("saml_subject_confirmation_invalid", "bearer confirmation has no SubjectConfirmationData");

  const responseInResponseTo = response.getAttribute("InResponseTo") || undefined;
  const subjectInResponseTo = data.getAttribute("InResponseTo") || undefined;
  if (responseInResponseTo !== subjectInResponseTo) {
    throw new AppError("saml_in_response_to_mismatch", "InResponseTo differs between Response and SubjectConfirmationData");
  }
  if (responseInResponseTo === undefined && !expected.allowUnsolicited) {
    throw new AppError("saml_unsolicited_disabled", "IdP-initiated sign-in is turned off for this organization");
  }

  if (data.getAttribute("Recipient") !== expected.acsUrl) {
    throw new AppError("saml_recipient_mismatch", "SubjectConfirmationData Recipient is not this organization's ACS", {
      recipient: quoteUntrusted(data.getAttribute("Recipient")),
    });
  }
  const notOnOrAfter = parseSamlTime(data.getAttribute("NotOnOrAfter"), "SubjectConfirmationData NotOnOrAfter");
  if (expected.nowMs - expected.skewMs >= notOnOrAfter) {
    throw new AppError("saml_expired", "the bearer confirmation has expired");
  }
  const notBefore = parseOptionalSamlTime(data.getAttribute("NotBefore"), "SubjectConfirmationData NotBefore");
  if (notBefore !== undefined && notBefore > expected.nowMs + expected.skewMs) {
    throw new AppError("saml_not_yet_valid", "the bearer confirmation is not valid yet");
  }
  return { subject, inResponseTo: responseInResponseTo, confirmationNotOnOrAfterMs: notOnOrAfter };
}
