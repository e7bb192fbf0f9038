import { KEY_TRANSPORT_RSA_OAEP, KEY_TRANSPORT_RSA_OAEP_MGF1P } from "./algorithms";
import { BINDING_POST, BINDING_REDIRECT, NAMEID_EMAIL, NS } from "./namespaces";
import type { SpUrls } from "./sp-urls";
import { xmlEscape } from "./xml-escape";

/** What the SP metadata publishes besides its URLs (docs/saml-checks.md, "SP keys"). */
export type SpMetadataOptions = {
  /** Base64 DER certificates of the org's SP keys; absent when the deployment cannot keep keys (no ENCRYPTION_KEYS). */
  certificates?: { signing: string; encryption: string } | null | undefined;
  /** The org's `signAuthnRequests`: `AuthnRequestsSigned="true"`, a promise the login keeps. */
  authnRequestsSigned?: boolean;
};

/** The algorithms an IdP may encrypt to us with, strongest first (every one of them we decrypt). */
const ENCRYPTION_METHODS = [
  "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  "http://www.w3.org/2009/xmlenc11#aes128-gcm",
  "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
  "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
  KEY_TRANSPORT_RSA_OAEP,
  KEY_TRANSPORT_RSA_OAEP_MGF1P,
];

function keyDescriptor(use: "signing" | "encryption", certificate: string, methods: readonly string[] = []): string {
  return (
    `    <md:KeyDescriptor use="${use}">\n` +
    `      <ds:KeyInfo xmlns:ds="${NS.dsig}"><ds:X509Data><ds:X509Certificate>${certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>\n` +
    methods.map((uri) => `      <md:EncryptionMethod Algorithm="${uri}"/>\n`).join("") +
    `    </md:KeyDescriptor>\n`
  );
}

/**
 * The SP metadata of one organization. `WantAssertionsSigned="true"` is a promise the ACS keeps: an unsigned
 * Assertion is refused even inside a signed Response (an encrypted one too, once decrypted).
 */
export function buildSpMetadata(urls: SpUrls, options: SpMetadataOptions = {}): string {
  const { certificates } = options;
  const keys = certificates ? keyDescriptor("signing", certificates.signing) + keyDescriptor("encryption", certificates.encryption, ENCRYPTION_METHODS) : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${NS.metadata}" entityID="${xmlEscape(urls.entityId)}">
  <md:SPSSODescriptor AuthnRequestsSigned="${options.authnRequestsSigned === true}" WantAssertionsSigned="true" protocolSupportEnumeration="${NS.protocol}">
${keys}    <md:SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${xmlEscape(urls.sloUrl)}"/>
    <md:SingleLogoutService Binding="${BINDING_POST}" Location="${xmlEscape(urls.sloUrl)}"/>
    <md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="${BINDING_POST}" Location="${xmlEscape(urls.acsUrl)}" index="0" isDefault="true"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>
`;
}
