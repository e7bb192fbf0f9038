import { AppError } from "../../../shared/errors";
import { childElements, singleChild, textOf } from "../xml/children";
import { NS } from "./namespaces";
import { MAX_LOGOUT_MESSAGE_AGE_MS, type VerifiedSloMessage } from "./slo-message";
import { parseOptionalSamlTime } from "./xml-time";

/** What a verified LogoutRequest from the IdP asks: whose sessions to end, and until when its ID is kept. */
export type IdpLogoutRequest = {
  id: string;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndexes: string[];
  /** Keep the ID in the replay cache until this instant: after it, the request is refused as too old anyway. */
  replayUntilMs: number;
};

const structure = (message: string) => () => new AppError("saml_structure_invalid", message);

/**
 * The LogoutRequest's own claims, on the verified root (docs/saml-checks.md, "Single logout"): `NotOnOrAfter`
 * not passed (with skew), exactly one plain NameID (an EncryptedID is not supported), and its SessionIndex values.
 */
export function checkLogoutRequest(message: VerifiedSloMessage, expected: { nowMs: number; skewMs: number }): IdpLogoutRequest {
  const notOnOrAfterMs = parseOptionalSamlTime(message.root.getAttribute("NotOnOrAfter"), "NotOnOrAfter");
  if (notOnOrAfterMs !== undefined && notOnOrAfterMs <= expected.nowMs - expected.skewMs) {
    throw new AppError("saml_expired", "the LogoutRequest is past its NotOnOrAfter");
  }
  if (childElements(message.root, NS.assertion, "EncryptedID").length > 0) {
    throw new AppError("saml_encrypted_unsupported", "an encrypted NameID in a LogoutRequest is not supported");
  }
  const nameIdElement = singleChild(message.root, NS.assertion, "NameID", structure("more than one NameID"));
  const nameId = nameIdElement ? textOf(nameIdElement).trim() : "";
  if (!nameIdElement || nameId === "") throw new AppError("saml_structure_invalid", "the LogoutRequest names no NameID");
  const sessionIndexes = childElements(message.root, NS.protocol, "SessionIndex").map((element) => textOf(element).trim());
  if (sessionIndexes.some((index) => index === "")) throw new AppError("saml_structure_invalid", "an empty SessionIndex");
  return {
    id: message.id,
    nameId,
    nameIdFormat: nameIdElement.getAttribute("Format") || null,
    sessionIndexes,
    replayUntilMs: message.issueInstantMs + MAX_LOGOUT_MESSAGE_AGE_MS + 2 * expected.skewMs,
  };
}
