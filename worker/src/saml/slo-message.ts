import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import { quoteUntrusted } from "../../../shared/untrusted-text";
import { childElements, singleChild, textOf } from "../xml/children";
import { NS } from "./namespaces";
import { parseResponseXml } from "./parse-response";
import type { PinnedKey } from "./pinned-keys";
import { readSignature } from "./read-signature";
import { verifyRedirectQuery } from "./redirect-verify";
import { decodePostMessage, inflateRedirectMessage } from "./slo-decode";
import { verifySignature } from "./verify-signature";
import { parseSamlTime } from "./xml-time";

/** How the message arrived: the raw query string of a GET, or the fields of a posted form. */
export type SloTransport =
  | { binding: "redirect"; rawQuery: string }
  | { binding: "post"; parameter: "SAMLRequest" | "SAMLResponse"; value: string; relayState: string | undefined };

export type SloExpectations = {
  nowMs: number;
  /** `<base>/<org>/slo`: the Destination every logout message must carry. */
  sloUrl: string;
  idpEntityId: string;
  keys: readonly PinnedKey[];
  skewMs: number;
};

/** A logout message whose signature, issuer, destination and issue time were checked. */
export type VerifiedSloMessage = {
  kind: "LogoutRequest" | "LogoutResponse";
  root: Element;
  id: string;
  issueInstantMs: number;
  relayState: string | undefined;
};

/** How old a logout message may be when it arrives: it is carried by the browser right after it was made. */
export const MAX_LOGOUT_MESSAGE_AGE_MS = 5 * 60_000;

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

/**
 * docs/saml-checks.md, "Single logout", in the ACS's order: the signature first (the query signature over the
 * received octets on the Redirect binding, before anything is inflated or parsed; the enveloped XML signature on
 * the root element for POST, with the ACS's verifier and pinned keys only), and only then the claims, all read
 * from the signed element: Version, Issuer = the IdP's entity ID, Destination = our SLO URL (a message made for
 * another SP or organization fails here), IssueInstant within the allowed age and skew.
 */
export async function readSloMessage(transport: SloTransport, expected: SloExpectations): Promise<VerifiedSloMessage> {
  let root: Element;
  let parameter: "SAMLRequest" | "SAMLResponse";
  let relayState: string | undefined;
  if (transport.binding === "redirect") {
    const verified = verifyRedirectQuery(transport.rawQuery, expected.keys);
    ({ parameter, relayState } = verified);
    ({ root } = parseResponseXml(await inflateRedirectMessage(verified.message)));
    // The query signature covers the message; a second, enveloped one is not expected and not read.
  } else {
    ({ parameter, relayState } = transport);
    ({ root } = parseResponseXml(decodePostMessage(transport.value)));
    const signature = singleChild(root, NS.dsig, "Signature", () => new AppError("saml_signature_invalid", "more than one Signature"));
    if (!signature) throw new AppError("saml_signature_missing", "the logout message is not signed");
    verifySignature(readSignature(signature, root), root, expected.keys);
  }

  const kind = parameter === "SAMLRequest" ? "LogoutRequest" : "LogoutResponse";
  if (root.namespaceURI !== NS.protocol || root.localName !== kind) {
    throw new AppError("saml_structure_invalid", `${parameter} does not hold a samlp:${kind}`);
  }
  if (root.getAttribute("Version") !== "2.0") throw new AppError("saml_structure_invalid", "not a SAML 2.0 message");
  const id = root.getAttribute("ID") ?? "";
  if (!NCNAME.test(id)) throw new AppError("saml_structure_invalid", "the message ID is missing or not an xs:ID");

  const issuers = childElements(root, NS.assertion, "Issuer");
  if (issuers.length !== 1 || textOf(issuers[0]!) !== expected.idpEntityId) {
    throw new AppError("saml_issuer_mismatch", "the logout message's Issuer is not the configured IdP", {
      issuer: issuers[0] ? quoteUntrusted(textOf(issuers[0])) : null,
    });
  }
  if (root.getAttribute("Destination") !== expected.sloUrl) {
    throw new AppError("saml_destination_mismatch", "the logout message's Destination is not this organization's SLO URL", {
      destination: quoteUntrusted(root.getAttribute("Destination")),
    });
  }
  const issueInstantMs = parseSamlTime(root.getAttribute("IssueInstant"), "IssueInstant");
  if (issueInstantMs > expected.nowMs + expected.skewMs) throw new AppError("saml_not_yet_valid", "the logout message was issued in the future");
  if (issueInstantMs <= expected.nowMs - MAX_LOGOUT_MESSAGE_AGE_MS - expected.skewMs) throw new AppError("saml_expired", "the logout message is too old");
  return { kind, root, id, issueInstantMs, relayState };
}
