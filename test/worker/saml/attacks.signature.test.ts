/**
 * Signature attacks on POST /:org/acs, docs/saml-checks.md §4-§5: which signatures are required, what they must cover,
 * how they must be shaped, with which algorithms, and with which key (only certificates pinned from the IdP
 * metadata; KeyInfo is ignored). Each refusal case is built from a real signature; where a naive verifier
 * (xml-crypto's checkSignature with the pinned certificate) would still accept the document, the test proves it,
 * so the refusal can only come from the ACS's own guard.
 */
import { describe, expect, it } from "vitest";
import { createTestIdp, generateSigningIdentity, type SignedResponseOptions, type SigningIdentity, type TestIdp } from "../../support/idp";
import { orgWithSso, testIdp, validFor } from "../support/api";
import {
  ALG,
  ASSERTION_XPATH,
  afterIssuerOf,
  assertionOf,
  base64,
  child,
  descendant,
  directAssertionEmail,
  expectRefused,
  expectSignedInAs,
  insertAfter,
  mutate,
  NS,
  naiveSignaturesVerify,
  orgUserEmails,
  parseXml,
  type RawSignOptions,
  RESPONSE_XPATH,
  replaceEmail,
  responseOf,
  signatureOf,
  signRaw,
} from "./support/mutate";
import { expectResponseOnlySignatureRefused, expectRoundTripSignsIn, signedResponseFor, ssoOrg } from "./support/signed-response";

type Org = Awaited<ReturnType<typeof ssoOrg>>["org"];
const ATTACKER = "attacker@evil.example";
const VICTIM = "victim@corp.example";

const BOTH = { signAssertion: true, signResponse: true } as const;
const ASSERTION_ONLY = { signAssertion: true, signResponse: false } as const;
const RESPONSE_ONLY = { signAssertion: false, signResponse: true } as const;

/** A fresh org on this file's IdP, and a response it signed for `nameId` (the attacker's own account by default). */
const setup = (options: Partial<SignedResponseOptions> = {}) => signedResponseFor(ATTACKER, options);

/**
 * A fresh org, and its IdP's unsigned response for the attacker (or what `base` builds) signed by xml-crypto's raw
 * signer: over the Assertion, after its Issuer, with the IdP's key, unless `sign` says otherwise.
 */
async function rawSigned(sign: Partial<RawSignOptions>, base?: (idp: TestIdp, org: Org) => Promise<string> | string) {
  const { idp, org } = await ssoOrg();
  const unsigned = base ? await base(idp, org) : idp.responseXml(validFor(org, { nameId: ATTACKER }));
  const signed = signRaw(unsigned, { xpath: ASSERTION_XPATH, location: afterIssuerOf(ASSERTION_XPATH), privateKey: idp.identity.privateKeyPem, ...sign });
  return { idp, org, signed };
}

/** Edits the Assertion's `SignatureValue` (one bit) in a signed response. */
const flipAssertionSignatureValue = (xml: string) =>
  mutate(xml, (doc) => {
    const value = child(signatureOf(assertionOf(doc)), NS.dsig, "SignatureValue");
    value.textContent = flipBase64Bit(value.textContent ?? "");
  });

/** The attacker's certificate as it stands in a ds:X509Certificate (base64 DER, no PEM armour). */
const attackerCertBase64 = async () => (await attacker()).certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");

let attackerIdentity: Promise<SigningIdentity> | undefined;
/** The attacker's own key pair and self-signed certificate (one per file: RSA keygen is slow). */
const attacker = () => (attackerIdentity ??= generateSigningIdentity());

/** Flips one bit in the middle of a base64 value (the result is still well-formed base64 of the same length). */
function flipBase64Bit(value: string): string {
  const bytes = Buffer.from(value.replace(/\s+/g, ""), "base64");
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  return bytes.toString("base64");
}

describe("which signatures are required (docs/saml-checks.md §5)", () => {
  it("control: Okta's default (Response and Assertion signed), round-tripped through the DOM helpers, signs in", async () => {
    await expectRoundTripSignsIn(ATTACKER, BOTH);
  });

  it("Assertion unsigned, Response validly signed → saml_signature_missing (WantAssertionsSigned)", async () => {
    await expectResponseOnlySignatureRefused(ATTACKER);
  });

  it("Assertion signature stripped after signing, Response signature left in place → saml_signature_missing", async () => {
    const { org, xml } = await setup(BOTH);
    const stripped = mutate(xml, (doc) => {
      const assertion = assertionOf(doc);
      assertion.removeChild(signatureOf(assertion));
    });
    await expectRefused(org.id, base64(stripped), "saml_signature_missing");
  });

  it("both signatures stripped → saml_signature_missing", async () => {
    const { org, xml } = await setup(BOTH);
    const stripped = mutate(xml, (doc) => {
      const response = responseOf(doc);
      const assertion = assertionOf(doc);
      response.removeChild(signatureOf(response));
      assertion.removeChild(signatureOf(assertion));
    });
    await expectRefused(org.id, base64(stripped), "saml_signature_missing");
  });

  it("positive: Assertion signed and no Response signature at all is accepted (the Response signature is optional)", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    await expectSignedInAs(org.id, base64(xml), ATTACKER);
  });

  it("positive: both signed, then the Response signature removed, is accepted (the Assertion's still holds)", async () => {
    const { org, xml } = await setup(BOTH);
    const stripped = mutate(xml, (doc) => {
      const response = responseOf(doc);
      response.removeChild(signatureOf(response));
    });
    await expectSignedInAs(org.id, base64(stripped), ATTACKER);
  });

  it("Response signature present but broken (SignatureValue edited), Assertion signature fine → saml_signature_invalid", async () => {
    const { org, xml } = await setup(BOTH);
    const broken = mutate(xml, (doc) => {
      const value = child(signatureOf(responseOf(doc)), NS.dsig, "SignatureValue");
      value.textContent = flipBase64Bit(value.textContent ?? "");
    });
    await expectRefused(org.id, base64(broken), "saml_signature_invalid");
  });

  it("Response content outside the Assertion edited after signing, Assertion signature fine → saml_signature_invalid", async () => {
    const { org, xml } = await setup(BOTH);
    const edited = mutate(xml, (doc) => {
      responseOf(doc).setAttribute("Consent", "urn:oasis:names:tc:SAML:2.0:consent:obtained");
    });
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });
});

describe("edited signed content (digest and signature value)", () => {
  it("email text changed after signing (Assertion-only signature) → saml_signature_invalid", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const edited = mutate(xml, (doc) => replaceEmail(assertionOf(doc), ATTACKER, VICTIM));
    expect(directAssertionEmail(edited)).toBe(VICTIM);
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });

  it("email text changed after signing (both signed) → saml_signature_invalid", async () => {
    const { org, xml } = await setup(BOTH);
    const edited = mutate(xml, (doc) => replaceEmail(assertionOf(doc), ATTACKER, VICTIM));
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });

  it("Conditions NotOnOrAfter extended by a day after signing → saml_signature_invalid", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const edited = mutate(xml, (doc) => {
      const conditions = child(assertionOf(doc), NS.assertion, "Conditions");
      const later = Date.parse(conditions.getAttribute("NotOnOrAfter")!) + 86_400_000;
      conditions.setAttribute("NotOnOrAfter", new Date(later).toISOString());
    });
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });

  it("Assertion SignatureValue edited (one bit) → saml_signature_invalid", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const edited = flipAssertionSignatureValue(xml);
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });

  it("Assertion DigestValue edited (one bit) → saml_signature_invalid", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const edited = mutate(xml, (doc) => {
      const value = descendant(signatureOf(assertionOf(doc)), NS.dsig, "DigestValue");
      value.textContent = flipBase64Bit(value.textContent ?? "");
    });
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });

  it("email edited and DigestValue recomputed to match, IdP's SignatureValue kept → saml_signature_invalid", async () => {
    // Defeats a verifier that checks digests but not the signature over SignedInfo.
    const { idp, org } = await ssoOrg();
    const shared = validFor(org, { ...ASSERTION_ONLY, assertionId: "id0digest0recomputed", responseId: "id0digest0response", sessionIndex: "id0session" });
    const genuine = await idp.signedResponseXml({ ...shared, nameId: ATTACKER });
    const { privateKeyPem, certPem } = await attacker();
    // Same document with the victim's address, digested (and signed) by the attacker: its DigestValue is right.
    const forged = await idp.signedResponseXml({ ...shared, nameId: VICTIM, privateKeyPem, certPem });
    const genuineSignatureValue = child(signatureOf(assertionOf(parseXml(genuine))), NS.dsig, "SignatureValue").textContent;
    // The forged digest is right for the victim's content (the attacker's own signature over it verifies).
    expect(naiveSignaturesVerify(forged, certPem)).toBe(true);
    const spliced = mutate(forged, (doc) => {
      const signature = signatureOf(assertionOf(doc));
      child(signature, NS.dsig, "SignatureValue").textContent = genuineSignatureValue;
      signature.removeChild(child(signature, NS.dsig, "KeyInfo")); // the attacker's certificate; keys are pinned anyway
    });
    expect(directAssertionEmail(spliced)).toBe(VICTIM);
    expect(descendant(signatureOf(assertionOf(parseXml(spliced))), NS.dsig, "DigestValue").textContent).not.toBe(
      descendant(signatureOf(assertionOf(parseXml(genuine))), NS.dsig, "DigestValue").textContent,
    );
    await expectRefused(org.id, base64(spliced), "saml_signature_invalid");
  });
});

describe("keys: only certificates pinned from the IdP metadata (KeyInfo is ignored)", () => {
  it("re-signed with the attacker's own key, attacker's certificate in KeyInfo → saml_signature_invalid", async () => {
    const { privateKeyPem, certPem } = await attacker();
    const { idp, org } = await ssoOrg();
    const forged = await idp.signedResponseXml(validFor(org, { ...BOTH, nameId: VICTIM, privateKeyPem, certPem }));
    // A verifier that trusts the certificate in KeyInfo accepts every signature of this document.
    expect(naiveSignaturesVerify(forged, certPem)).toBe(true);
    expect(naiveSignaturesVerify(forged, idp.identity.certPem)).toBe(false);
    await expectRefused(org.id, base64(forged), "saml_signature_invalid");
  });

  it("re-signed with the attacker's key, Assertion only, no KeyInfo → saml_signature_invalid", async () => {
    const { privateKeyPem, certPem } = await attacker();
    const { idp, org } = await ssoOrg();
    const forged = await idp.signedResponseXml(validFor(org, { ...ASSERTION_ONLY, nameId: VICTIM, privateKeyPem, certPem, includeKeyInfo: false }));
    await expectRefused(org.id, base64(forged), "saml_signature_invalid");
  });

  it("positive: the IdP's genuine signature with the attacker's certificate substituted in KeyInfo is still accepted", async () => {
    // Proves the verification key is pinned: what KeyInfo says changes nothing, either way.
    const attackerCert = await attackerCertBase64();
    const { idp, org, xml } = await setup(ASSERTION_ONLY);
    const substituted = mutate(xml, (doc) => {
      descendant(signatureOf(assertionOf(doc)), NS.dsig, "X509Certificate").textContent = attackerCert;
    });
    expect(substituted).toContain(attackerCert);
    expect(substituted).not.toContain(idp.identity.certBase64.slice(0, 60));
    await expectSignedInAs(org.id, base64(substituted), ATTACKER);
  });

  it("positive: both signed, the Response's KeyInfo certificate replaced by the attacker's, is still accepted", async () => {
    const attackerCert = await attackerCertBase64();
    const { org, xml } = await setup(BOTH);
    const substituted = mutate(xml, (doc) => {
      descendant(signatureOf(responseOf(doc)), NS.dsig, "X509Certificate").textContent = attackerCert;
    });
    await expectSignedInAs(org.id, base64(substituted), ATTACKER);
  });

  it("positive: signatures without any KeyInfo are accepted (the key comes from the metadata)", async () => {
    const { org, xml } = await setup({ ...BOTH, includeKeyInfo: false });
    expect(xml).not.toContain("KeyInfo");
    await expectSignedInAs(org.id, base64(xml), ATTACKER);
  });
});

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

describe("algorithms (allowlist: RSA/ECDSA with SHA-256/384/512, exclusive c14n only)", () => {
  it("RSA-SHA1 signature (real, by the IdP's key) → saml_algorithm_forbidden", async () => {
    const { idp, org, xml } = await setup({ ...ASSERTION_ONLY, signatureAlgorithm: ALG.rsaSha1 });
    expect(xml).toContain(ALG.rsaSha1);
    expect(naiveSignaturesVerify(xml, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(xml), "saml_algorithm_forbidden");
  });

  it("SHA-1 digest under an RSA-SHA256 signature → saml_algorithm_forbidden", async () => {
    const { idp, org, xml } = await setup({ ...ASSERTION_ONLY, digestAlgorithm: ALG.sha1 });
    expect(xml).toContain(ALG.sha1);
    expect(naiveSignaturesVerify(xml, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(xml), "saml_algorithm_forbidden");
  });

  it("HMAC-SHA1 keyed with the IdP's public certificate (key confusion) → saml_algorithm_forbidden", async () => {
    const idp = await testIdp();
    // Anyone can compute this "signature": the key is the public certificate from the metadata.
    const { org, signed: forged } = await rawSigned({ privateKey: idp.identity.certPem, hmac: true }, (idp, org) =>
      idp.responseXml(validFor(org, { nameId: VICTIM })),
    );
    expect(forged).toContain(ALG.hmacSha1);
    expect(naiveSignaturesVerify(forged, idp.identity.certPem, { hmacKey: idp.identity.certPem })).toBe(true);
    await expectRefused(org.id, base64(forged), "saml_algorithm_forbidden");
  });

  // Each a real signature by the IdP's key (a naive verifier accepts it): only the algorithm allowlist refuses it.
  for (const [name, sign, shows] of [
    ["inclusive c14n as the SignedInfo CanonicalizationMethod (real signature) → saml_algorithm_forbidden", { canonicalizationAlgorithm: ALG.c14n }, undefined],
    [
      "exc-c14n#WithComments as the SignedInfo CanonicalizationMethod (real signature) → saml_algorithm_forbidden",
      { canonicalizationAlgorithm: ALG.excC14nWithComments },
      ALG.excC14nWithComments,
    ],
    ["inclusive c14n as the Reference transform (real signature) → saml_algorithm_forbidden", { transforms: [ALG.enveloped, ALG.c14n] }, undefined],
  ] satisfies Array<[string, Partial<RawSignOptions>, string | undefined]>) {
    it(name, async () => {
      const { idp, org, signed } = await rawSigned(sign);
      if (shows !== undefined) expect(signed).toContain(shows);
      expect(naiveSignaturesVerify(signed, idp.identity.certPem)).toBe(true);
      await expectRefused(org.id, base64(signed), "saml_algorithm_forbidden");
    });
  }

  it("an extra XSLT transform in the Reference → saml_algorithm_forbidden (checked before any digest)", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const transforms = descendant(signatureOf(assertionOf(doc)), NS.dsig, "Transforms");
      const transform = doc.createElementNS(NS.dsig, "ds:Transform");
      transform.setAttribute("Algorithm", ALG.xslt);
      const stylesheet = doc.createElementNS("http://www.w3.org/1999/XSL/Transform", "xsl:stylesheet");
      stylesheet.setAttribute("version", "1.0");
      transform.appendChild(stylesheet);
      transforms.appendChild(transform);
    });
    await expectRefused(org.id, base64(forged), "saml_algorithm_forbidden");
  });

  it("an extra XPath filter transform in the Reference → saml_algorithm_forbidden", async () => {
    const { org, xml } = await setup(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const transforms = descendant(signatureOf(assertionOf(doc)), NS.dsig, "Transforms");
      const transform = doc.createElementNS(NS.dsig, "ds:Transform");
      transform.setAttribute("Algorithm", ALG.xpath);
      const xpath = doc.createElementNS(NS.dsig, "ds:XPath");
      xpath.appendChild(doc.createTextNode("not(ancestor-or-self::*[local-name()='AttributeStatement'])"));
      transform.appendChild(xpath);
      transforms.insertBefore(transform, transforms.firstChild);
    });
    await expectRefused(org.id, base64(forged), "saml_algorithm_forbidden");
  });

  it("positive: an ECDSA P-256 (ES256) IdP's properly signed response is accepted", async () => {
    const ecIdp = await createTestIdp({ algorithm: "ES256" });
    const org = await orgWithSso(ecIdp);
    const xml = await ecIdp.signedResponseXml(validFor(org, { nameId: ATTACKER }));
    expect(xml).toContain("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
    await expectSignedInAs(org.id, base64(xml), ATTACKER);
  });

  it("ES256: a flipped bit in the Assertion's ECDSA SignatureValue → saml_signature_invalid (EC verification really verifies)", async () => {
    const ecIdp = await createTestIdp({ algorithm: "ES256" });
    const org = await orgWithSso(ecIdp);
    const xml = await ecIdp.signedResponseXml(validFor(org, { ...ASSERTION_ONLY, nameId: ATTACKER }));
    const edited = flipAssertionSignatureValue(xml);
    await expectRefused(org.id, base64(edited), "saml_signature_invalid");
  });

  it("ES256: a response signed by another EC key (attacker's cert in KeyInfo) → saml_signature_invalid", async () => {
    const ecIdp = await createTestIdp({ algorithm: "ES256" });
    const org = await orgWithSso(ecIdp);
    const other = await generateSigningIdentity({ algorithm: "ES256" });
    const forged = await ecIdp.signedResponseXml(validFor(org, { nameId: VICTIM, privateKeyPem: other.privateKeyPem, certPem: other.certPem }));
    await expectRefused(org.id, base64(forged), "saml_signature_invalid");
  });
});

describe("comment injection into a signed value (docs/saml-checks.md §10, CVE-2017-11428 family)", () => {
  it("a comment inside the signed email still verifies, and the session is for the FULL address", async () => {
    const signedEmail = "admin@corp.example.evil.example";
    const { org, xml } = await setup({ ...BOTH, nameId: signedEmail });
    // Comments are outside exclusive c14n, so both signatures still hold after the injection.
    const injected = xml.replaceAll(`>${signedEmail}<`, ">admin@corp.example<!---->.evil.example<");
    expect(injected).toContain("admin@corp.example<!---->.evil.example");
    expect(injected).not.toContain(signedEmail);
    // A reader that takes the first text node (the CVE-2017-11428 bug) would see the truncated address.
    const attributeValue = descendant(assertionOf(parseXml(injected)), NS.assertion, "AttributeValue");
    expect(attributeValue.firstChild?.nodeValue).toBe("admin@corp.example");
    await expectSignedInAs(org.id, base64(injected), signedEmail);
    expect(await orgUserEmails(org.id)).toEqual([signedEmail]);
  });
});
