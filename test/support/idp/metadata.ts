/**
 * IdP metadata shaped like Okta's app metadata (`https://{org}.okta.com/app/{appId}/sso/saml/metadata`):
 * no `validUntil`, no signature, one signing KeyDescriptor per certificate (two during rollover),
 * NameIDFormat unspecified + emailAddress, SSO endpoints for HTTP-POST and HTTP-Redirect.
 */
import { wrapLines } from "./pem";
import { element, escapeText } from "./xml-writer";

const MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
const NAMEID_FORMATS = ["urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"];
const SSO_BINDINGS = ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"];

/** Options of {@link buildIdpMetadataXml}. */
export interface IdpMetadataOptions {
  /** `http://www.okta.com/{externalKey}`: the Issuer of every Response. */
  readonly entityId: string;
  readonly ssoUrl: string;
  /** Base64 DER certificates (no PEM header); one KeyDescriptor each, in this order. */
  readonly certsBase64: readonly string[];
  /**
   * Line-wrap each certificate as Okta does (76 characters, "\n"; MIME base64, as in real Okta
   * metadata). Defaults to true, so metadata parsers are tested against the wrapped form.
   */
  readonly wrapCertificates?: boolean;
}

function keyDescriptorXml(certBase64: string, wrap: boolean): string {
  const compact = certBase64.replace(/\s+/g, "");
  const certificate = element("ds:X509Certificate", [], escapeText(wrap ? wrapLines(compact, 76) : compact));
  return element("md:KeyDescriptor", [["use", "signing"]], element("ds:KeyInfo", [["xmlns:ds", DS_NS]], element("ds:X509Data", [], certificate)));
}

/** Builds Okta-shaped IdP metadata XML. */
export function buildIdpMetadataXml(options: IdpMetadataOptions): string {
  const wrap = options.wrapCertificates ?? true;
  const descriptor = element(
    "md:IDPSSODescriptor",
    [
      ["WantAuthnRequestsSigned", "false"],
      ["protocolSupportEnumeration", "urn:oasis:names:tc:SAML:2.0:protocol"],
    ],
    options.certsBase64.map((cert) => keyDescriptorXml(cert, wrap)).join("") +
      NAMEID_FORMATS.map((format) => element("md:NameIDFormat", [], escapeText(format))).join("") +
      SSO_BINDINGS.map((binding) =>
        element("md:SingleSignOnService", [
          ["Binding", binding],
          ["Location", options.ssoUrl],
        ]),
      ).join(""),
  );
  const entity = element(
    "md:EntityDescriptor",
    [
      ["entityID", options.entityId],
      ["xmlns:md", MD_NS],
    ],
    descriptor,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>${entity}`;
}
