/** Test IdP: signOktaResponse's two signatures are real, placed and ordered as Okta's (RS256 and ES256). */
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import {
  createTestIdp,
  generateSigningIdentity,
  registerExtraAlgorithms,
  SIGNATURE_ECDSA_SHA256,
  SIGNATURE_RSA_SHA256,
  type SigningAlgorithm,
  type TestIdp,
} from "../../support/idp";
import { ASSERTION_NS, assertionOf, childElements, DS_NS, directSignature, EMAIL, only, parse, responseOf, SP, verifiesBoth } from "./support";

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
