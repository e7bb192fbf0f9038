/**
 * Shared helpers of the test IdP's tests (test/support/idp/, which the fake IdP of fakes/idp serves). The test IdP
 * is only useful if what it issues is what Okta issues and if its signatures are real: the tests in this folder
 * check both, in workerd, with the same libraries the SP uses (xml-crypto, xmldom, node:crypto).
 */
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { expect } from "vitest";
import { SignedXml } from "xml-crypto";
import { registerExtraAlgorithms } from "../../support/idp";

const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
export const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
export const DS_NS = "http://www.w3.org/2000/09/xmldsig#";

const NOW = new Date("2026-04-20T12:00:00.000Z");
export const SP = { destination: "https://sp.example/acme/acs", audience: "https://sp.example/acme/metadata", now: NOW };
export const EMAIL = "alice.admin@example.com";

export function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml");
}

export function childElements(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
}

export function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

export function responseOf(doc: Document): Element {
  const root = doc.documentElement;
  if (root === null || root.namespaceURI !== PROTOCOL_NS || root.localName !== "Response") {
    throw new Error("not a SAML Response");
  }
  return root;
}

export function assertionOf(doc: Document): Element {
  const children = childElements(responseOf(doc));
  return only(children.filter((el) => el.namespaceURI === ASSERTION_NS && el.localName === "Assertion"));
}

/** The `ds:Signature` that is a direct child of `parent` (the SP's rule), if any. */
export function directSignature(parent: Element): Element | undefined {
  return childElements(parent).find((el) => el.namespaceURI === DS_NS && el.localName === "Signature");
}

/** Verifies one signature with a pinned certificate only, never with the one in KeyInfo. */
export function verifies(xml: string, signature: Element, certPem: string): boolean {
  const verifier = registerExtraAlgorithms(new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null }));
  verifier.loadSignature(signature);
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false; // a wrong SignatureValue throws, a wrong digest returns false: both are "invalid"
  }
}

export function verifiesBoth(xml: string, certPem: string): { response: boolean; assertion: boolean } {
  const doc = parse(xml);
  const responseSignature = directSignature(responseOf(doc));
  const assertionSignature = directSignature(assertionOf(doc));
  if (!responseSignature || !assertionSignature) throw new Error("expected two signatures");
  return { response: verifies(xml, responseSignature, certPem), assertion: verifies(xml, assertionSignature, certPem) };
}

export function allAttributeNames(doc: Document): string[] {
  const names: string[] = [];
  const walk = (el: Element): void => {
    for (const attr of Array.from(el.attributes)) names.push(attr.name);
    childElements(el).forEach(walk);
  };
  walk(responseOf(doc));
  return names;
}

const VARIABLE_ATTRIBUTES = [
  ...["Destination", "ID", "InResponseTo", "IssueInstant", "NotBefore", "NotOnOrAfter", "Recipient"],
  ...["AuthnInstant", "SessionIndex", "URI"],
];
const VARIABLE_TEXT = ["DigestValue", "SignatureValue", "X509Certificate", "Issuer", "NameID", "Audience", "AttributeValue"];

/** Hides values that differ between any two responses, keeping names, order, prefixes and algorithms. */
export function shapeOf(xml: string): string {
  let shape = xml;
  for (const name of VARIABLE_ATTRIBUTES) shape = shape.replace(new RegExp(` ${name}="[^"]*"`, "g"), ` ${name}="…"`);
  for (const name of VARIABLE_TEXT) {
    // Elements with content only: `(?<!/)` skips self-closing ones such as an empty AttributeValue.
    shape = shape.replace(new RegExp(`(<\\w+:${name}\\b[^>]*(?<!/)>)[^<]*</`, "g"), "$1…</");
  }
  return shape.replace(/></g, ">\n<");
}

/** The shape of both ds:Signature elements of that Response (the Response's and the Assertion's are alike). */
const SIGNATURE_SHAPE = `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
<ds:SignedInfo>
<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
<ds:Reference URI="…">
<ds:Transforms>
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>
<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">
<ec:InclusiveNamespaces PrefixList="xs" xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#"/>
</ds:Transform>
</ds:Transforms>
<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
<ds:DigestValue>…</ds:DigestValue>
</ds:Reference>
</ds:SignedInfo>
<ds:SignatureValue>…</ds:SignatureValue>
<ds:KeyInfo>
<ds:X509Data>
<ds:X509Certificate>…</ds:X509Certificate>
</ds:X509Data>
</ds:KeyInfo>
</ds:Signature>`;

/**
 * shapeOf() of the real Okta Response valid-example.xml (from the goxmldsig test suite; docs/saml-checks.md,
 * "Real Okta responses used by the tests"), kept here because that file is not part of this repository. Two of
 * its five attributes (LastName, Login) are left out: they repeat the shape of FirstName.
 */
export const OKTA_RESPONSE_SHAPE = `<?xml version="1.0" encoding="UTF-8"?>
<saml2p:Response Destination="…" ID="…" InResponseTo="…" IssueInstant="…" Version="2.0" xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">…</saml2:Issuer>
${SIGNATURE_SHAPE}
<saml2p:Status xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol">
<saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>
</saml2p:Status>
<saml2:Assertion ID="…" IssueInstant="…" Version="2.0" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">…</saml2:Issuer>
${SIGNATURE_SHAPE}
<saml2:Subject xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">
<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">…</saml2:NameID>
<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml2:SubjectConfirmationData InResponseTo="…" NotOnOrAfter="…" Recipient="…"/>
</saml2:SubjectConfirmation>
</saml2:Subject>
<saml2:Conditions NotBefore="…" NotOnOrAfter="…" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">
<saml2:AudienceRestriction>
<saml2:Audience>…</saml2:Audience>
</saml2:AudienceRestriction>
</saml2:Conditions>
<saml2:AuthnStatement AuthnInstant="…" SessionIndex="…" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">
<saml2:AuthnContext>
<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef>
</saml2:AuthnContext>
</saml2:AuthnStatement>
<saml2:AttributeStatement xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">
<saml2:Attribute Name="FirstName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">
<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">…</saml2:AttributeValue>
</saml2:Attribute>
<saml2:Attribute Name="Email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">
<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">…</saml2:AttributeValue>
</saml2:Attribute>
<saml2:Attribute Name="SSHUserName" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">
<saml2:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string"/>
</saml2:Attribute>
</saml2:AttributeStatement>
</saml2:Assertion>
</saml2p:Response>`;
