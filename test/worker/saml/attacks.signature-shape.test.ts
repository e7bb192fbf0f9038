/** Signature attacks on POST /:org/acs: the shape of Reference and Signature (docs/saml-checks.md §4). */
import { describe, expect, it } from "vitest";
import { validFor } from "../support/api";
import {
  afterIssuerOf,
  assertionOf,
  base64,
  child,
  descendant,
  expectRefused,
  expectSignedInAs,
  insertAfter,
  mutate,
  NS,
  naiveSignaturesVerify,
  RESPONSE_XPATH,
  responseOf,
  signatureOf,
} from "./support/mutate";
import { ASSERTION_ONLY, ATTACKER, flipBase64Bit, RESPONSE_ONLY, rawSigned, setup, VICTIM } from "./support/signature-attacks";

describe("Reference and Signature shape (docs/saml-checks.md §4)", () => {
  it("Reference pointing at another element: the Response's signature moved into the Assertion → saml_signature_invalid", async () => {
    // Still cryptographically valid for the Response (the enveloped transform removes it wherever it sits),
    // but it now poses as the Assertion's signature while vouching for a different element.
    const { idp, org, xml } = await setup(RESPONSE_ONLY);
    const moved = mutate(xml, (doc) => {
      const assertion = assertionOf(doc);
      insertAfter(signatureOf(responseOf(doc)), child(assertion, NS.assertion, "Issuer"));
    });
    expect(naiveSignaturesVerify(moved, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(moved), "saml_signature_invalid");
  });

  it('empty Reference URI (URI="" = the whole document) in the Assertion\'s signature → saml_signature_invalid', async () => {
    const { idp, org, signed } = await rawSigned({ xpath: RESPONSE_XPATH, isEmptyUri: true });
    expect(signed).toContain('URI=""');
    expect(naiveSignaturesVerify(signed, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(signed), "saml_signature_invalid");
  });

  it('Response signature with URI="" (whole document, the same bytes as its parent) → saml_signature_invalid', async () => {
    // Semantically the root either way, and a verifier that digests the signature's parent accepts it: only the
    // exact `#` + ID rule refuses it, so every Reference has one meaning.
    const { idp, org, signed } = await rawSigned({ xpath: RESPONSE_XPATH, isEmptyUri: true, location: afterIssuerOf(RESPONSE_XPATH) }, (idp, org) =>
      idp.signedResponseXml(validFor(org, { ...ASSERTION_ONLY, nameId: ATTACKER })),
    );
    expect(signed).toContain('URI=""');
    expect(naiveSignaturesVerify(signed, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(signed), "saml_signature_invalid");
  });

  it("two References in the Assertion's SignedInfo (the Assertion and the Response) → saml_signature_invalid", async () => {
    const { idp, org, signed } = await rawSigned({ extraReferenceXpaths: [RESPONSE_XPATH] });
    expect(signed.match(/<ds:Reference /g)).toHaveLength(2);
    expect(naiveSignaturesVerify(signed, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(signed), "saml_signature_invalid");
  });

  it("control: the same raw signer with one Reference is accepted (so the cases above fail for their shape)", async () => {
    const { org, signed } = await rawSigned({});
    await expectSignedInAs(org.id, base64(signed), ATTACKER);
  });

  it("two SignedInfo (CVE-2020-15216 style: SignatureValue, KeyInfo, genuine SignedInfo, forged SignedInfo) → saml_signature_invalid", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const signature = signatureOf(assertionOf(doc));
      const signedInfo = child(signature, NS.dsig, "SignedInfo");
      signature.appendChild(signedInfo); // moved after SignatureValue and KeyInfo
      const second = signedInfo.cloneNode(true) as typeof signedInfo;
      const digest = descendant(second, NS.dsig, "DigestValue");
      digest.textContent = flipBase64Bit(digest.textContent ?? "");
      signature.appendChild(second);
    });
    await expectRefused(org.id, base64(forged), "saml_signature_invalid");
  });

  it("two SignedInfo in a row before the SignatureValue → saml_signature_invalid", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const signedInfo = child(signatureOf(assertionOf(doc)), NS.dsig, "SignedInfo");
      insertAfter(signedInfo.cloneNode(true), signedInfo);
    });
    await expectRefused(org.id, base64(forged), "saml_signature_invalid");
  });

  it("ds:Object added inside the Assertion's Signature (signature itself still valid) → saml_signature_invalid", async () => {
    const { idp, org, xml } = await setup(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const object = doc.createElementNS(NS.dsig, "ds:Object");
      const claim = doc.createElementNS("urn:example:evil", "evil:Email");
      claim.appendChild(doc.createTextNode(VICTIM));
      object.appendChild(claim);
      signatureOf(assertionOf(doc)).appendChild(object);
    });
    expect(naiveSignaturesVerify(forged, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(forged), "saml_signature_invalid");
  });
});
