/** Signature attacks on POST /:org/acs: the algorithm allowlist (RSA/ECDSA with SHA-256/384/512, exclusive c14n only). */
import { describe, expect, it } from "vitest";
import { createTestIdp, generateSigningIdentity } from "../../support/idp";
import { orgWithSso, testIdp, validFor } from "../support/api";
import {
  ALG,
  assertionOf,
  base64,
  descendant,
  expectRefused,
  expectSignedInAs,
  mutate,
  NS,
  naiveSignaturesVerify,
  type RawSignOptions,
  signatureOf,
} from "./support/mutate";
import { ASSERTION_ONLY, ATTACKER, flipAssertionSignatureValue, rawSigned, setup, VICTIM } from "./support/signature-attacks";

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
