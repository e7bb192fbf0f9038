/** Signature attacks on POST /:org/acs: only certificates pinned from the IdP metadata verify; KeyInfo is ignored. */
import { describe, expect, it } from "vitest";
import { validFor } from "../support/api";
import { assertionOf, base64, descendant, expectRefused, expectSignedInAs, mutate, NS, naiveSignaturesVerify, responseOf, signatureOf } from "./support/mutate";
import { ASSERTION_ONLY, ATTACKER, attacker, attackerCertBase64, BOTH, setup, VICTIM } from "./support/signature-attacks";
import { ssoOrg } from "./support/signed-response";

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
