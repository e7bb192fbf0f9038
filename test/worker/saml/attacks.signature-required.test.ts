/** Signature attacks on POST /:org/acs: which signatures are required (docs/saml-checks.md §5). See support/signature-attacks.ts. */
import { describe, it } from "vitest";
import { assertionOf, base64, child, expectRefused, expectSignedInAs, mutate, NS, responseOf, signatureOf } from "./support/mutate";
import { ASSERTION_ONLY, ATTACKER, BOTH, flipBase64Bit, setup } from "./support/signature-attacks";
import { expectResponseOnlySignatureRefused, expectRoundTripSignsIn } from "./support/signed-response";

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
