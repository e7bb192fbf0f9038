/**
 * Shared pieces of the signature attacks on POST /:org/acs (attacks.signature-*.test.ts, docs/saml-checks.md §4-§5,
 * §10): which signatures are required, what they must cover, how they must be shaped, with which algorithms, and
 * with which key (only certificates pinned from the IdP metadata; KeyInfo is ignored). Each refusal case is built
 * from a real signature; where a naive verifier (xml-crypto's checkSignature with the pinned certificate) would
 * still accept the document, the test proves it, so the refusal can only come from the ACS's own guard.
 */
import { generateSigningIdentity, type SignedResponseOptions, type SigningIdentity, type TestIdp } from "../../../support/idp";
import { validFor } from "../../support/api";
import { ASSERTION_XPATH, afterIssuerOf, assertionOf, child, mutate, NS, type RawSignOptions, signatureOf, signRaw } from "./mutate";
import { signedResponseFor, ssoOrg } from "./signed-response";

type Org = Awaited<ReturnType<typeof ssoOrg>>["org"];
export const ATTACKER = "attacker@evil.example";
export const VICTIM = "victim@corp.example";

export const BOTH = { signAssertion: true, signResponse: true } as const;
export const ASSERTION_ONLY = { signAssertion: true, signResponse: false } as const;
export const RESPONSE_ONLY = { signAssertion: false, signResponse: true } as const;

/** A fresh org on this file's IdP, and a response it signed for `nameId` (the attacker's own account by default). */
export const setup = (options: Partial<SignedResponseOptions> = {}) => signedResponseFor(ATTACKER, options);

/**
 * A fresh org, and its IdP's unsigned response for the attacker (or what `base` builds) signed by xml-crypto's raw
 * signer: over the Assertion, after its Issuer, with the IdP's key, unless `sign` says otherwise.
 */
export async function rawSigned(sign: Partial<RawSignOptions>, base?: (idp: TestIdp, org: Org) => Promise<string> | string) {
  const { idp, org } = await ssoOrg();
  const unsigned = base ? await base(idp, org) : idp.responseXml(validFor(org, { nameId: ATTACKER }));
  const signed = signRaw(unsigned, { xpath: ASSERTION_XPATH, location: afterIssuerOf(ASSERTION_XPATH), privateKey: idp.identity.privateKeyPem, ...sign });
  return { idp, org, signed };
}

/** Edits the Assertion's `SignatureValue` (one bit) in a signed response. */
export const flipAssertionSignatureValue = (xml: string) =>
  mutate(xml, (doc) => {
    const value = child(signatureOf(assertionOf(doc)), NS.dsig, "SignatureValue");
    value.textContent = flipBase64Bit(value.textContent ?? "");
  });

/** The attacker's certificate as it stands in a ds:X509Certificate (base64 DER, no PEM armour). */
export const attackerCertBase64 = async () => (await attacker()).certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");

let attackerIdentity: Promise<SigningIdentity> | undefined;
/** The attacker's own key pair and self-signed certificate (one per file: RSA keygen is slow). */
export const attacker = () => (attackerIdentity ??= generateSigningIdentity());

/** Flips one bit in the middle of a base64 value (the result is still well-formed base64 of the same length). */
export function flipBase64Bit(value: string): string {
  const bytes = Buffer.from(value.replace(/\s+/g, ""), "base64");
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  return bytes.toString("base64");
}
