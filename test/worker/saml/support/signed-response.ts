/**
 * The fixture almost every ACS attack starts from: a fresh organization whose SSO trusts the test file's IdP, and
 * (optionally) a response that IdP really signed. One copy, so every attack file starts from the same ground truth.
 */
import { expect } from "vitest";
import type { SignedResponseOptions } from "../../../support/idp";
import { orgWithSso, testIdp, validFor } from "../../support/api";
import { base64, expectRefused, expectSignedInAs, mutate, naiveSignaturesVerify } from "./mutate";

/** A fresh organization (its own tenant, so cases cannot see each other's users or replay caches) on the file's IdP. */
export async function ssoOrg() {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  return { idp, org };
}

/** A fresh organization and a response its IdP signed for `nameId` (both signatures unless `options` say otherwise). */
export async function signedResponseFor(nameId: string, options: Partial<SignedResponseOptions> = {}) {
  const { idp, org } = await ssoOrg();
  const xml = await idp.signedResponseXml(validFor(org, { nameId, ...options }));
  return { idp, org, xml };
}

/**
 * Control for an attack file: the untouched response, parsed and re-serialized by the DOM helpers the attacks use,
 * still verifies naively and signs in, so each refusal in the file comes from its edit and not from the round trip.
 */
export async function expectRoundTripSignsIn(nameId: string, options: Partial<SignedResponseOptions>): Promise<void> {
  const { idp, org, xml } = await signedResponseFor(nameId, options);
  const roundTripped = mutate(xml, () => {});
  expect(naiveSignaturesVerify(roundTripped, idp.identity.certPem)).toBe(true);
  await expectSignedInAs(org.id, base64(roundTripped), nameId);
}

/** A validly signed Response whose Assertion is unsigned is refused for that alone (WantAssertionsSigned). */
export async function expectResponseOnlySignatureRefused(nameId: string): Promise<void> {
  const { idp, org, xml } = await signedResponseFor(nameId, { signAssertion: false, signResponse: true });
  expect(naiveSignaturesVerify(xml, idp.identity.certPem)).toBe(true);
  await expectRefused(org.id, base64(xml), "saml_signature_missing");
}
