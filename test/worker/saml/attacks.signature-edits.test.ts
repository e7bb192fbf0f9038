/** Signature attacks on POST /:org/acs: signed content edited after signing, and comments injected into a signed value (docs/saml-checks.md §10). */
import { describe, expect, it } from "vitest";
import { validFor } from "../support/api";
import {
  assertionOf,
  base64,
  child,
  descendant,
  directAssertionEmail,
  expectRefused,
  expectSignedInAs,
  mutate,
  NS,
  naiveSignaturesVerify,
  orgUserEmails,
  parseXml,
  replaceEmail,
  signatureOf,
} from "./support/mutate";
import { ASSERTION_ONLY, ATTACKER, attacker, BOTH, flipAssertionSignatureValue, flipBase64Bit, setup, VICTIM } from "./support/signature-attacks";
import { ssoOrg } from "./support/signed-response";

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
