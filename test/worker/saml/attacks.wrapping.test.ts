/**
 * XML Signature Wrapping (XSW1-XSW8, after Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be",
 * and SAML Raider's variants) against POST /:org/acs, docs/saml-checks.md §3-§5.
 *
 * Each case starts from a response the IdP genuinely signed for the attacker's own account
 * (`attacker@evil.example`), then moves the signed element somewhere a signature check still finds it and puts an
 * unsigned copy claiming the victim where an application might read claims from. Every case first proves that a
 * naive verifier (xml-crypto's checkSignature with the pinned certificate) still accepts all signatures of the
 * forged document, so only the ACS's structural guards can stop it; then proves the ACS refuses it with its code,
 * sets no cookie and provisions nobody.
 */
import type { Document, Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import {
  assertionOf,
  base64,
  child,
  directAssertionEmail,
  expectRefused,
  insertAfter,
  mutate,
  NS,
  naiveSignaturesVerify,
  replaceEmail,
  responseOf,
  signatureOf,
} from "./support/mutate";
import { expectResponseOnlySignatureRefused, expectRoundTripSignsIn, signedResponseFor } from "./support/signed-response";

const ATTACKER = "attacker@evil.example";
const VICTIM = "victim@corp.example";
const EVIL_ASSERTION_ID = "id0evil0assertion";
const EVIL_RESPONSE_ID = "id0evil0response";

type Signing = { signAssertion: boolean; signResponse: boolean };
const ASSERTION_ONLY: Signing = { signAssertion: true, signResponse: false };
const RESPONSE_ONLY: Signing = { signAssertion: false, signResponse: true };

/** A fresh org and a response its IdP really signed for the attacker's own account. */
const signedForAttacker = (signing: Signing) => signedResponseFor(ATTACKER, signing);

/** An unsigned copy of `element` (its own ds:Signature removed), claiming the victim, with a new ID. */
function evilCopy(element: Element, id: string): Element {
  const copy = element.cloneNode(true) as Element;
  copy.removeChild(signatureOf(copy));
  copy.setAttribute("ID", id);
  replaceEmail(copy, ATTACKER, VICTIM);
  return copy;
}

/** An unsigned but otherwise identical copy of `element` (same ID): what the moved signature now covers. */
function unsignedClone(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  copy.removeChild(signatureOf(copy));
  return copy;
}

/**
 * Applies `wrap`, checks the forgery is "good" (every signature still verifies naively and the first direct
 * Assertion claims the victim), then that the ACS refuses it with `code`.
 */
async function expectWrappingRefused(signing: Signing, wrap: (doc: Document) => void, code = "saml_structure_invalid" as const) {
  const { idp, org, xml } = await signedForAttacker(signing);
  const forged = mutate(xml, wrap);
  expect(naiveSignaturesVerify(forged, idp.identity.certPem)).toBe(true);
  // What the claims reader would take if the structure were not checked first: the victim.
  expect(directAssertionEmail(forged)).toBe(VICTIM);
  await expectRefused(org.id, base64(forged), code);
}

describe("signature wrapping (XSW) at the ACS", () => {
  it("control: the untouched Assertion-signed response, round-tripped through the DOM helpers, signs in", async () => {
    await expectRoundTripSignsIn(ATTACKER, ASSERTION_ONLY);
  });

  it("control: the untouched Response-only-signed original is refused only for its unsigned Assertion", async () => {
    // So the saml_structure_invalid of XSW1/XSW2 below comes from the wrapping, not from the signing mode.
    await expectResponseOnlySignatureRefused(ATTACKER);
  });

  it("XSW1: evil Response at the root, the signed original Response hidden inside its ds:Signature", async () => {
    await expectWrappingRefused(RESPONSE_ONLY, (doc) => {
      const response = responseOf(doc);
      const signature = signatureOf(response);
      signature.appendChild(unsignedClone(response)); // the Reference (#original ID) now resolves in here
      response.setAttribute("ID", EVIL_RESPONSE_ID);
      replaceEmail(assertionOf(doc), ATTACKER, VICTIM);
    });
  });

  it("XSW2: evil Response at the root, the signed original Response placed before the ds:Signature (detached)", async () => {
    await expectWrappingRefused(RESPONSE_ONLY, (doc) => {
      const response = responseOf(doc);
      response.insertBefore(unsignedClone(response), signatureOf(response));
      response.setAttribute("ID", EVIL_RESPONSE_ID);
      replaceEmail(assertionOf(doc), ATTACKER, VICTIM);
    });
  });

  it("XSW3: unsigned evil Assertion inserted before the signed one", async () => {
    await expectWrappingRefused(ASSERTION_ONLY, (doc) => {
      const assertion = assertionOf(doc);
      responseOf(doc).insertBefore(evilCopy(assertion, EVIL_ASSERTION_ID), assertion);
    });
  });

  it("XSW4: unsigned evil Assertion wrapping the signed one", async () => {
    await expectWrappingRefused(ASSERTION_ONLY, (doc) => {
      const response = responseOf(doc);
      const assertion = assertionOf(doc);
      const evil = evilCopy(assertion, EVIL_ASSERTION_ID);
      evil.appendChild(assertion);
      response.appendChild(evil);
    });
  });

  it("XSW5: the signed Assertion edited to the victim (new ID), an unsigned original copy appended for its Reference", async () => {
    await expectWrappingRefused(ASSERTION_ONLY, (doc) => {
      const assertion = assertionOf(doc);
      const original = unsignedClone(assertion);
      assertion.setAttribute("ID", EVIL_ASSERTION_ID);
      replaceEmail(assertion, ATTACKER, VICTIM);
      responseOf(doc).appendChild(original);
    });
  });

  it("XSW6: the signed Assertion edited to the victim, the unsigned original copy hidden inside its ds:Signature", async () => {
    await expectWrappingRefused(ASSERTION_ONLY, (doc) => {
      const assertion = assertionOf(doc);
      const original = unsignedClone(assertion);
      assertion.setAttribute("ID", EVIL_ASSERTION_ID);
      replaceEmail(assertion, ATTACKER, VICTIM);
      signatureOf(assertion).appendChild(original);
    });
  });

  it("XSW7: the signed Assertion moved into samlp:Extensions, an unsigned evil Assertion in its place", async () => {
    await expectWrappingRefused(ASSERTION_ONLY, (doc) => {
      const response = responseOf(doc);
      const assertion = assertionOf(doc);
      const evil = evilCopy(assertion, EVIL_ASSERTION_ID);
      const extensions = doc.createElementNS(NS.protocol, "saml2p:Extensions");
      insertAfter(extensions, child(response, NS.assertion, "Issuer"));
      extensions.appendChild(assertion);
      response.appendChild(evil);
    });
  });

  it("XSW8: the signed Assertion edited to the victim, the unsigned original copy inside a ds:Object of its Signature", async () => {
    await expectWrappingRefused(ASSERTION_ONLY, (doc) => {
      const assertion = assertionOf(doc);
      const original = unsignedClone(assertion);
      assertion.setAttribute("ID", EVIL_ASSERTION_ID);
      replaceEmail(assertion, ATTACKER, VICTIM);
      const object = doc.createElementNS(NS.dsig, "ds:Object");
      object.appendChild(original);
      signatureOf(assertion).appendChild(object);
    });
  });

  it("detached signature: the Assertion's ds:Signature moved up to the Response (still valid for the Assertion)", async () => {
    // The only signature now sits on the Response but vouches for the Assertion: "some valid signature covers the
    // Assertion" holds, "the Assertion carries its own signature" does not.
    const { idp, org, xml } = await signedForAttacker(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const response = responseOf(doc);
      insertAfter(signatureOf(assertionOf(doc)), child(response, NS.assertion, "Issuer"));
    });
    expect(naiveSignaturesVerify(forged, idp.identity.certPem)).toBe(true);
    await expectRefused(org.id, base64(forged), "saml_signature_missing");
  });

  it("repeated signature: a second ds:Signature in the Assertion (a copy, after the genuine one) → saml_structure_invalid", async () => {
    // One signature per signed element: with two, which one "the" signature is depends on the reader.
    const { org, xml } = await signedForAttacker(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const signature = signatureOf(assertionOf(doc));
      insertAfter(signature.cloneNode(true), signature);
    });
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  it("misplaced signature: a copy of the Assertion's ds:Signature hidden in samlp:Extensions → saml_structure_invalid", async () => {
    // A signature that is not a direct child of what it signs can only be there to make some verifier look at it.
    const { org, xml } = await signedForAttacker(ASSERTION_ONLY);
    const forged = mutate(xml, (doc) => {
      const response = responseOf(doc);
      const extensions = doc.createElementNS(NS.protocol, "saml2p:Extensions");
      extensions.appendChild(signatureOf(assertionOf(doc)).cloneNode(true));
      insertAfter(extensions, child(response, NS.assertion, "Issuer"));
    });
    await expectRefused(org.id, base64(forged), "saml_structure_invalid");
  });

  // xml-crypto resolves `#id` against ID, Id and id alike, so every spelling counts for uniqueness.
  for (const [name, attribute] of [
    ["duplicate ID: a second element carrying the signed Assertion's ID (ID attribute)", "ID"],
    ["duplicate ID: a second element carrying the signed Assertion's ID as an `Id` attribute", "Id"],
  ] as const) {
    it(name, async () => {
      const { org, xml } = await signedForAttacker(ASSERTION_ONLY);
      const forged = mutate(xml, (doc) => {
        const response = responseOf(doc);
        const extensions = doc.createElementNS(NS.protocol, "saml2p:Extensions");
        const marker = doc.createElementNS("urn:example:evil", "evil:Claims");
        marker.setAttribute(attribute, assertionOf(doc).getAttribute("ID")!);
        extensions.appendChild(marker);
        insertAfter(extensions, child(response, NS.assertion, "Issuer"));
      });
      await expectRefused(org.id, base64(forged), "saml_structure_invalid");
    });
  }
});
