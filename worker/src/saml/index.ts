import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { parseStrictXml } from "../xml/parse-strict";
import { checkConditions } from "./check-conditions";
import { checkResponse } from "./check-response";
import { checkSubject } from "./check-subject";
import { decodeSamlResponse } from "./decode-response";
import { decryptAssertion, decryptionFailed } from "./decrypt-assertion";
import { extractIdentity, type Identity } from "./extract-identity";
import { locateDecryptedAssertion, locateElements, locateEncryptedResponse } from "./locate-elements";
import { parseResponseXml } from "./parse-response";
import { pinnedKeys } from "./pinned-keys";
import { readSignature } from "./read-signature";
import type { SpEncryptionKey } from "./sp-keys";
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
 * The plain path only: an EncryptedAssertion is refused (`saml_encrypted_unsupported`); see {@link validateAcsResponse}.
 */
export function validateSamlResponse(encoded: string, expected: SamlExpectations): ValidatedAssertion {
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
  return checkVerified(located.response, located.assertion, expected);
}

/** How the organization takes encrypted assertions (docs/saml-checks.md §3.1). */
export type AssertionEncryption = {
  /** The org's `requireEncryptedAssertions`: on, only an EncryptedAssertion is accepted; off, only a plain one. */
  required: boolean;
  /** The SP encryption key; needed only when `required`. */
  key: (() => Promise<SpEncryptionKey>) | undefined;
};

/**
 * The ACS's validation: {@link validateSamlResponse} when the org takes plain assertions, else the encrypted path
 * of docs/saml-checks.md §3.1 in strict order: locate the one EncryptedAssertion, verify the Response signature (if
 * any) over what was sent, decrypt, parse the plaintext strictly, locate the one Assertion in it, verify its
 * signature with the pinned IdP keys (required, as on the plain path), then every other check on it.
 */
export async function validateAcsResponse(encoded: string, expected: SamlExpectations, encryption: AssertionEncryption): Promise<ValidatedAssertion> {
  if (!encryption.required) return validateSamlResponse(encoded, expected);
  const { root } = parseResponseXml(decodeSamlResponse(encoded));
  const located = locateEncryptedResponse(root);
  const keys = pinnedKeys(expected.idpCertificates);
  if (located.responseSignature) {
    verifySignature(readSignature(located.responseSignature, located.response), located.response, keys);
  }
  if (!encryption.key) throw new AppError("encryption_unavailable", "ENCRYPTION_KEYS is not configured: the SP encryption key cannot be opened");
  const plaintext = await decryptAssertion(located.encryptedAssertion, await encryption.key());
  let decrypted: Element;
  try {
    decrypted = parseStrictXml(plaintext).root;
  } catch {
    throw decryptionFailed();
  }
  const { assertion, assertionSignature } = locateDecryptedAssertion(decrypted, located.ids, decryptionFailed);
  if (!assertionSignature) throw new AppError("saml_signature_missing", "the decrypted Assertion is not signed");
  verifySignature(readSignature(assertionSignature, assertion), assertion, keys);
  return checkVerified(located.response, assertion, expected);
}

/** Steps 6-9 of docs/saml-checks.md, on a Response and an Assertion whose signatures were verified. */
function checkVerified(response: Element, assertion: Element, expected: SamlExpectations): ValidatedAssertion {
  const skewMs = expected.skewMs ?? CLOCK_SKEW_MS;
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
