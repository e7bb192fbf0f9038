import { AppError } from "../../../shared/errors";
import { checkConditions } from "./check-conditions";
import { checkResponse } from "./check-response";
import { checkSubject } from "./check-subject";
import { decodeSamlResponse } from "./decode-response";
import { extractIdentity, type Identity } from "./extract-identity";
import { locateElements } from "./locate-elements";
import { parseResponseXml } from "./parse-response";
import { pinnedKeys } from "./pinned-keys";
import { readSignature } from "./read-signature";
import { verifySignature } from "./verify-signature";

/** Tolerance for clock differences between Okta and Cloudflare, applied to every time window (tested at its edges). */
export const CLOCK_SKEW_MS = 120_000;

export type SamlExpectations = {
  nowMs: number;
  /** `<base>/<org>/acs`: Destination and Recipient must equal it. */
  acsUrl: string;
  /** `<base>/<org>/metadata`: our entityID, the only Audience we accept. */
  audience: string;
  idpEntityId: string;
  /** Base64 DER signing certificates pinned from the IdP metadata. */
  idpCertificates: readonly string[];
  allowUnsolicited: boolean;
  emailAttribute?: string;
  skewMs?: number;
};

/** What a valid response proves; replay and InResponseTo consumption are then decided atomically in storage. */
export type ValidatedAssertion = Identity & {
  assertionId: string;
  inResponseTo: string | undefined;
  /** Keep the assertion ID in the replay cache until this instant (the assertion cannot be valid after it). */
  replayUntilMs: number;
  sessionNotOnOrAfterMs: number | undefined;
};

/**
 * Validates a posted `SAMLResponse` with every stateless check of docs/saml-checks.md, in its order: decode, parse,
 * locate, verify signatures, and only then read status, destination, issuer, InResponseTo, conditions, subject
 * and identity, all from the verified elements. Throws an {@link AppError} with a `saml_*` code on the first failure.
 */
export function validateSamlResponse(encoded: string, expected: SamlExpectations): ValidatedAssertion {
  const skewMs = expected.skewMs ?? CLOCK_SKEW_MS;
  const { root } = parseResponseXml(decodeSamlResponse(encoded));
  const located = locateElements(root);

  // Step 4-5: the Assertion must be signed; a Response signature, when present, must verify too. The Response
  // is checked first: canonicalising the Assertion temporarily edits it, and the Response digest covers it.
  if (!located.assertionSignature) throw new AppError("saml_signature_missing", "the Assertion is not signed");
  const keys = pinnedKeys(expected.idpCertificates);
  if (located.responseSignature) {
    verifySignature(readSignature(located.responseSignature, located.response), located.response, keys);
  }
  verifySignature(readSignature(located.assertionSignature, located.assertion), located.assertion, keys);

  const { response, assertion } = located;
  checkResponse(response, assertion, expected);
  const subject = checkSubject(response, assertion, { ...expected, skewMs });
  const conditions = checkConditions(assertion, { ...expected, skewMs });
  const identity = extractIdentity(assertion, subject.subject, expected.emailAttribute ?? "email");

  const assertionId = assertion.getAttribute("ID");
  if (!assertionId) throw new AppError("saml_structure_invalid", "the Assertion has no ID");
  return {
    ...identity,
    assertionId,
    inResponseTo: subject.inResponseTo,
    replayUntilMs: Math.max(conditions.notOnOrAfterMs, subject.confirmationNotOnOrAfterMs) + skewMs,
    sessionNotOnOrAfterMs: conditions.sessionNotOnOrAfterMs,
  };
}
