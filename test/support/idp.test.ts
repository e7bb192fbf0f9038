/**
 * The test IdP is only useful if what it issues is what Okta issues and if its signatures are real:
 * these tests check both, in workerd, with the same libraries the SP uses (xml-crypto, xmldom,
 * node:crypto).
 */
import { X509Certificate } from "node:crypto";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import {
  buildOktaResponseXml,
  createSelfSignedCertificate,
  createTestIdp,
  generateSigningIdentity,
  registerExtraAlgorithms,
  SIGNATURE_ECDSA_SHA256,
  SIGNATURE_RSA_SHA256,
  type SigningAlgorithm,
  type TestIdp,
} from "./idp";

const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";

const NOW = new Date("2026-04-20T12:00:00.000Z");
const SP = { destination: "https://sp.example/acme/acs", audience: "https://sp.example/acme/metadata", now: NOW };
const EMAIL = "alice.admin@example.com";

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml");
}

function childElements(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

function responseOf(doc: Document): Element {
  const root = doc.documentElement;
  if (root === null || root.namespaceURI !== PROTOCOL_NS || root.localName !== "Response") {
    throw new Error("not a SAML Response");
  }
  return root;
}

function assertionOf(doc: Document): Element {
  const children = childElements(responseOf(doc));
  return only(children.filter((el) => el.namespaceURI === ASSERTION_NS && el.localName === "Assertion"));
}

/** The `ds:Signature` that is a direct child of `parent` (the SP's rule), if any. */
function directSignature(parent: Element): Element | undefined {
  return childElements(parent).find((el) => el.namespaceURI === DS_NS && el.localName === "Signature");
}

/** Verifies one signature with a pinned certificate only, never with the one in KeyInfo. */
function verifies(xml: string, signature: Element, certPem: string): boolean {
  const verifier = registerExtraAlgorithms(new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null }));
  verifier.loadSignature(signature);
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false; // a wrong SignatureValue throws, a wrong digest returns false: both are "invalid"
  }
}

function verifiesBoth(xml: string, certPem: string): { response: boolean; assertion: boolean } {
  const doc = parse(xml);
  const responseSignature = directSignature(responseOf(doc));
  const assertionSignature = directSignature(assertionOf(doc));
  if (!responseSignature || !assertionSignature) throw new Error("expected two signatures");
  return { response: verifies(xml, responseSignature, certPem), assertion: verifies(xml, assertionSignature, certPem) };
}

function allAttributeNames(doc: Document): string[] {
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
function shapeOf(xml: string): string {
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
const OKTA_RESPONSE_SHAPE = `<?xml version="1.0" encoding="UTF-8"?>
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

describe("createSelfSignedCertificate", () => {
  it.each<[SigningAlgorithm, "rsa" | "ec"]>([
    ["RS256", "rsa"],
    ["ES256", "ec"],
  ])("%s: node:crypto parses it, its self-signature verifies, its validity is as asked", async (algorithm, keyType) => {
    const { keyPair } = await generateSigningIdentity({ algorithm });
    // 2051 is past the UTCTime range, so this also covers the GeneralizedTime encoding.
    const notBefore = new Date("2024-01-02T03:04:05Z");
    const notAfter = new Date("2051-06-07T08:09:10Z");
    const certificate = await createSelfSignedCertificate({
      keyPair,
      algorithm,
      commonName: "dev-123456",
      notBefore,
      notAfter,
      serialNumber: 0x0badcafen,
    });

    const x509 = new X509Certificate(certificate.pem);
    expect(x509.subject).toBe("CN=dev-123456");
    expect(x509.issuer).toBe("CN=dev-123456");
    expect(new Date(x509.validFrom).toISOString()).toBe(notBefore.toISOString());
    expect(new Date(x509.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(x509.serialNumber.replace(/^0+/, "").toUpperCase()).toBe("BADCAFE");
    expect(x509.publicKey.asymmetricKeyType).toBe(keyType);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(certificate.base64).not.toMatch(/\s/);
    expect(new X509Certificate(Uint8Array.from(atob(certificate.base64), (c) => c.charCodeAt(0))).fingerprint256).toBe(x509.fingerprint256);
  });

  it("a certificate's signature does not verify with another key", async () => {
    const [mine, other] = await Promise.all([generateSigningIdentity(), generateSigningIdentity()]);
    expect(new X509Certificate(mine.certPem).verify(new X509Certificate(other.certPem).publicKey)).toBe(false);
  });
});

describe.each<[SigningAlgorithm, string]>([
  ["RS256", SIGNATURE_RSA_SHA256],
  ["ES256", SIGNATURE_ECDSA_SHA256],
])("signOktaResponse with %s", (algorithm, signatureMethod) => {
  let idp: TestIdp;
  let xml: string;
  beforeAll(async () => {
    idp = await createTestIdp({ algorithm });
    xml = await idp.signedResponseXml({ ...SP, inResponseTo: "_sp-request-1" });
  });

  it("signs the Response and the Assertion, each verifiable with the pinned certificate", () => {
    expect(verifiesBoth(xml, idp.identity.certPem)).toEqual({ response: true, assertion: true });
    const doc = parse(xml);
    for (const signed of [responseOf(doc), assertionOf(doc)]) {
      const signature = directSignature(signed);
      const method = signature?.getElementsByTagNameNS(DS_NS, "SignatureMethod")[0];
      const reference = only(Array.from(signature?.getElementsByTagNameNS(DS_NS, "Reference") ?? []));
      expect(method?.getAttribute("Algorithm")).toBe(signatureMethod);
      expect(reference.getAttribute("URI")).toBe(`#${signed.getAttribute("ID")}`);
    }
  });

  it("editing the signed e-mail breaks both signatures", () => {
    const tampered = xml.replaceAll(EMAIL, "mallory@example.com");
    expect(tampered).not.toBe(xml);
    expect(verifiesBoth(tampered, idp.identity.certPem)).toEqual({ response: false, assertion: false });
  });

  it("another certificate does not verify it (KeyInfo is not what makes it valid)", async () => {
    const stranger = await generateSigningIdentity({ algorithm });
    expect(verifiesBoth(xml, stranger.certPem)).toEqual({ response: false, assertion: false });
  });

  it("places each ds:Signature right after its parent's Issuer", () => {
    const doc = parse(xml);
    for (const parent of [responseOf(doc), assertionOf(doc)]) {
      const [first, second] = childElements(parent);
      expect([first?.namespaceURI, first?.localName]).toEqual([ASSERTION_NS, "Issuer"]);
      expect([second?.namespaceURI, second?.localName]).toEqual([DS_NS, "Signature"]);
    }
  });

  it("signs the Assertion first, so the Response signature covers the Assertion signature", () => {
    const doc = parse(xml);
    const responseSignature = directSignature(responseOf(doc));
    const assertionSignature = directSignature(assertionOf(doc));
    const assertionSignatureValue = assertionSignature?.getElementsByTagNameNS(DS_NS, "SignatureValue")[0]?.textContent;
    if (!responseSignature || !assertionSignatureValue) throw new Error("expected two signatures");
    const verifier = registerExtraAlgorithms(new SignedXml({ publicCert: idp.identity.certPem, getCertFromKeyInfo: () => null }));
    verifier.loadSignature(responseSignature);
    expect(verifier.checkSignature(xml)).toBe(true);
    expect(only(verifier.getSignedReferences())).toContain(assertionSignatureValue);
  });
});

describe("signOktaResponse options", () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await createTestIdp();
  });

  it("is shaped exactly like a real Okta Response (names, order, prefixes, namespaces, algorithms)", async () => {
    const xml = await idp.signedResponseXml({
      ...SP,
      inResponseTo: "_sp-request-1",
      attributes: { FirstName: ["Alice"], Email: [EMAIL], SSHUserName: [""] },
    });
    expect(shapeOf(xml)).toBe(OKTA_RESPONSE_SHAPE);
  });

  it("signs only the Assertion, or only the Response, when asked", async () => {
    const assertionOnly = parse(await idp.signedResponseXml({ ...SP, signResponse: false }));
    expect(directSignature(responseOf(assertionOnly))).toBeUndefined();
    expect(directSignature(assertionOf(assertionOnly))).toBeDefined();

    const responseOnly = parse(await idp.signedResponseXml({ ...SP, signAssertion: false }));
    expect(directSignature(responseOf(responseOnly))).toBeDefined();
    expect(directSignature(assertionOf(responseOnly))).toBeUndefined();
  });

  it("without a Response Issuer the Response signature is the first child, and still verifies", async () => {
    const xml = await idp.signedResponseXml({ ...SP, omitResponseIssuer: true, signAssertion: false });
    const response = responseOf(parse(xml));
    const signature = childElements(response)[0];
    expect([signature?.namespaceURI, signature?.localName]).toEqual([DS_NS, "Signature"]);
    expect(signature && verifies(xml, signature, idp.identity.certPem)).toBe(true);
  });

  it("leaves out KeyInfo when includeKeyInfo is false", async () => {
    const xml = await idp.signedResponseXml({ ...SP, includeKeyInfo: false });
    expect(parse(xml).getElementsByTagNameNS(DS_NS, "KeyInfo")).toHaveLength(0);
    expect(verifiesBoth(xml, idp.identity.certPem)).toEqual({ response: true, assertion: true });
  });

  it("samlResponse is the base64 of the signed UTF-8 XML", async () => {
    const samlResponse = await idp.samlResponse({ ...SP, nameId: "zoë@example.com" });
    const xml = new TextDecoder().decode(Uint8Array.from(atob(samlResponse), (c) => c.charCodeAt(0)));
    expect(xml).toContain("zoë@example.com");
    expect(verifiesBoth(xml, idp.identity.certPem)).toEqual({ response: true, assertion: true });
  });
});

describe("buildOktaResponseXml", () => {
  it("IdP-initiated (no inResponseTo): no InResponseTo attribute anywhere", () => {
    const xml = buildOktaResponseXml(SP);
    expect(allAttributeNames(parse(xml))).not.toContain("InResponseTo");
    expect(xml).not.toContain("InResponseTo");
  });

  it("SP-initiated: InResponseTo on the Response and on SubjectConfirmationData, unless told to disagree", () => {
    const agreeing = parse(buildOktaResponseXml({ ...SP, inResponseTo: "_req-1" }));
    const confirmationOf = (doc: Document) => doc.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData")[0];
    expect(responseOf(agreeing).getAttribute("InResponseTo")).toBe("_req-1");
    expect(confirmationOf(agreeing)?.getAttribute("InResponseTo")).toBe("_req-1");

    const disagreeing = parse(buildOktaResponseXml({ ...SP, inResponseTo: "_req-1", subjectConfirmationInResponseTo: "_req-2" }));
    expect(responseOf(disagreeing).getAttribute("InResponseTo")).toBe("_req-1");
    expect(confirmationOf(disagreeing)?.getAttribute("InResponseTo")).toBe("_req-2");

    const missing = parse(buildOktaResponseXml({ ...SP, inResponseTo: "_req-1", subjectConfirmationInResponseTo: null }));
    expect(confirmationOf(missing)?.hasAttribute("InResponseTo")).toBe(false);
  });

  it("defaults like Okta: Conditions and bearer NotOnOrAfter at IssueInstant ± 5 min, Recipient = Destination", () => {
    const doc = parse(buildOktaResponseXml(SP));
    const conditions = doc.getElementsByTagNameNS(ASSERTION_NS, "Conditions")[0];
    const confirmation = doc.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData")[0];
    expect(responseOf(doc).getAttribute("IssueInstant")).toBe("2026-04-20T12:00:00.000Z");
    expect(conditions?.getAttribute("NotBefore")).toBe("2026-04-20T11:55:00.000Z");
    expect(conditions?.getAttribute("NotOnOrAfter")).toBe("2026-04-20T12:05:00.000Z");
    expect(confirmation?.getAttribute("NotOnOrAfter")).toBe("2026-04-20T12:05:00.000Z");
    expect(confirmation?.getAttribute("Recipient")).toBe(SP.destination);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "Audience")[0]?.textContent).toBe(SP.audience);
    const authnStatement = doc.getElementsByTagNameNS(ASSERTION_NS, "AuthnStatement")[0];
    expect(authnStatement?.hasAttribute("SessionNotOnOrAfter")).toBe(false);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue")[0]?.textContent).toBe(EMAIL);
  });

  it("generates distinct Okta-like IDs that are valid xs:IDs (no leading digit)", () => {
    const doc = parse(buildOktaResponseXml(SP));
    const ids = [responseOf(doc).getAttribute("ID"), assertionOf(doc).getAttribute("ID")];
    for (const id of ids) expect(id).toMatch(/^id\d{27}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("escapes text and attribute values so they parse back unchanged", () => {
    const tricky = `a&b<c>"d'\te\r\nf`;
    const doc = parse(
      buildOktaResponseXml({
        ...SP,
        destination: `https://sp.example/acs?a=1&b="2"`,
        nameId: tricky,
        attributes: { 'x"<&': [tricky] },
      }),
    );
    expect(responseOf(doc).getAttribute("Destination")).toBe(`https://sp.example/acs?a=1&b="2"`);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "NameID")[0]?.textContent).toBe(tricky);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "Attribute")[0]?.getAttribute("Name")).toBe(`x"<&`);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue")[0]?.textContent).toBe(tricky);
  });

  it("leaves out what a test removes: Conditions, AuthnStatement, Response Issuer, AttributeStatement", () => {
    const doc = parse(
      buildOktaResponseXml({
        ...SP,
        omitConditions: true,
        includeAuthnStatement: false,
        omitResponseIssuer: true,
        attributes: {},
      }),
    );
    const assertionChildren = childElements(assertionOf(doc)).map((el) => el.localName);
    expect(assertionChildren).toEqual(["Issuer", "Subject"]);
    expect(childElements(responseOf(doc)).map((el) => el.localName)).toEqual(["Status", "Assertion"]);
  });
});

describe("metadataXml", () => {
  it("lists every signing certificate (line-wrapped like Okta), the entity ID and both SSO bindings", async () => {
    const idp = await createTestIdp();
    const next = await generateSigningIdentity();
    const doc = parse(idp.metadataXml({ additionalCertsBase64: [next.certBase64] }));
    const entity = doc.documentElement;
    expect(entity?.getAttribute("entityID")).toBe(idp.entityId);
    expect(idp.entityId).toMatch(/^http:\/\/www\.okta\.com\/exk[A-Za-z0-9]{17}$/);
    expect(entity?.hasAttribute("validUntil")).toBe(false);

    const MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    const keyDescriptors = Array.from(doc.getElementsByTagNameNS(MD_NS, "KeyDescriptor"));
    expect(keyDescriptors.map((kd) => kd.getAttribute("use"))).toEqual(["signing", "signing"]);
    const certTexts = Array.from(doc.getElementsByTagNameNS(DS_NS, "X509Certificate"), (el) => el.textContent ?? "");
    expect(certTexts.map((text) => text.replace(/\s/g, ""))).toEqual([idp.identity.certBase64, next.certBase64]);
    for (const text of certTexts) expect(Math.max(...text.split("\n").map((line) => line.length))).toBe(76);

    const sso = Array.from(doc.getElementsByTagNameNS(MD_NS, "SingleSignOnService"), (el) => [el.getAttribute("Binding"), el.getAttribute("Location")]);
    expect(sso).toEqual([
      ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", idp.ssoUrl],
      ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", idp.ssoUrl],
    ]);
    const unwrapped = parse(idp.metadataXml({ wrapCertificates: false }));
    expect(unwrapped.getElementsByTagNameNS(DS_NS, "X509Certificate")[0]?.textContent).toBe(idp.identity.certBase64);
  });
});
