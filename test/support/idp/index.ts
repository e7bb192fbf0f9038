/**
 * A test Identity Provider that behaves like one Okta SAML app: its own signing key and certificate,
 * Okta-shaped metadata, and Okta-shaped signed Responses. Runs in workerd and in plain Node.
 *
 * @example
 * const idp = await createTestIdp();
 * const body = new URLSearchParams({ SAMLResponse: await idp.samlResponse({ destination, audience, now }) });
 */
import { buildOktaResponseXml, type OktaResponseOptions } from "./build-response";
import { type EncryptOptions, encryptResponseAssertion } from "./encrypt";
import { generateSigningIdentity, type SigningIdentity } from "./keys";
import { buildIdpMetadataXml } from "./metadata";
import { utf8ToBase64 } from "./pem";
import { type SignOptions, signOktaResponse } from "./sign";
import type { SigningAlgorithm } from "./x509";

/** Options of {@link createTestIdp}. */
export interface TestIdpOptions {
  /** Defaults to RS256, what Okta uses. */
  readonly algorithm?: SigningAlgorithm;
  /** Defaults to `http://www.okta.com/exk…` with a random external key. */
  readonly entityId?: string;
  /** Defaults to an Okta-like `https://…okta.com/app/…/sso/saml` URL. */
  readonly ssoUrl?: string;
}

/** Response options, plus signing options; the key and certificate default to the IdP's own. */
export type SignedResponseOptions = OktaResponseOptions &
  Omit<SignOptions, "privateKeyPem" | "certPem"> &
  Partial<Pick<SignOptions, "privateKeyPem" | "certPem">>;

/** Options of {@link TestIdp.metadataXml}. */
export interface TestIdpMetadataOptions {
  /** Extra signing certificates listed after the IdP's own, as during an Okta certificate rollover. */
  readonly additionalCertsBase64?: readonly string[];
  /** Defaults to true (wrapped like Okta). */
  readonly wrapCertificates?: boolean;
}

/** One simulated Okta SAML app. `issuer` defaults to `entityId` in every response. */
export interface TestIdp {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly identity: SigningIdentity;
  metadataXml(options?: TestIdpMetadataOptions): string;
  /** The unsigned Response XML. */
  responseXml(options: OktaResponseOptions): string;
  /** The Response XML signed like Okta (Assertion and Response by default). */
  signedResponseXml(options: SignedResponseOptions): Promise<string>;
  /** Base64 of the signed XML: the `SAMLResponse` form field a browser POSTs to the ACS. */
  samlResponse(options: SignedResponseOptions): Promise<string>;
  /**
   * Like Okta with assertion encryption on: the Assertion is signed (unless `signAssertion: false`), then encrypted
   * for the SP's certificate, then the Response is signed over the EncryptedAssertion (unless `signResponse: false`).
   */
  encryptedResponseXml(options: SignedResponseOptions, encryption: EncryptOptions): Promise<string>;
  /** Base64 of {@link TestIdp.encryptedResponseXml}. */
  encryptedSamlResponse(options: SignedResponseOptions, encryption: EncryptOptions): Promise<string>;
}

const EXTERNAL_KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Okta app external keys look like `exk` + 17 alphanumerics, e.g. `exkrfkzzb7NyB3UeP0h7`. */
function randomExternalKey(): string {
  const random = crypto.getRandomValues(new Uint8Array(17));
  return `exk${Array.from(random, (byte) => EXTERNAL_KEY_ALPHABET[byte % EXTERNAL_KEY_ALPHABET.length]).join("")}`;
}

/** Creates a test IdP with a fresh signing key (RSA 2048 by default). */
export async function createTestIdp(options: TestIdpOptions = {}): Promise<TestIdp> {
  const identity = await generateSigningIdentity({ algorithm: options.algorithm ?? "RS256" });
  const externalKey = randomExternalKey();
  const entityId = options.entityId ?? `http://www.okta.com/${externalKey}`;
  const ssoUrl = options.ssoUrl ?? `https://persona-test.okta.com/app/personatest_personaoktacompanion_1/${externalKey}/sso/saml`;

  const responseXml = (responseOptions: OktaResponseOptions): string =>
    buildOktaResponseXml({ ...responseOptions, issuer: responseOptions.issuer ?? entityId });

  const signedResponseXml = async (signedOptions: SignedResponseOptions): Promise<string> =>
    signOktaResponse(responseXml(signedOptions), {
      ...signedOptions,
      privateKeyPem: signedOptions.privateKeyPem ?? identity.privateKeyPem,
      certPem: signedOptions.certPem ?? identity.certPem,
    });

  const encryptedResponseXml = async (signedOptions: SignedResponseOptions, encryption: EncryptOptions): Promise<string> => {
    const keys = { privateKeyPem: signedOptions.privateKeyPem ?? identity.privateKeyPem, certPem: signedOptions.certPem ?? identity.certPem };
    const assertionSigned = signOktaResponse(responseXml(signedOptions), { ...signedOptions, ...keys, signResponse: false });
    const encrypted = encryptResponseAssertion(assertionSigned, encryption);
    if (signedOptions.signResponse === false) return encrypted;
    return signOktaResponse(encrypted, { ...signedOptions, ...keys, signAssertion: false, signResponse: true });
  };

  return {
    entityId,
    ssoUrl,
    identity,
    metadataXml: (metadataOptions = {}) =>
      buildIdpMetadataXml({
        entityId,
        ssoUrl,
        certsBase64: [identity.certBase64, ...(metadataOptions.additionalCertsBase64 ?? [])],
        wrapCertificates: metadataOptions.wrapCertificates,
      }),
    responseXml,
    signedResponseXml,
    samlResponse: async (signedOptions) => utf8ToBase64(await signedResponseXml(signedOptions)),
    encryptedResponseXml,
    encryptedSamlResponse: async (signedOptions, encryption) => utf8ToBase64(await encryptedResponseXml(signedOptions, encryption)),
  };
}

export * from "./algorithms";
export * from "./build-response";
export * from "./der";
export * from "./encrypt";
export * from "./keys";
export * from "./metadata";
export * from "./pem";
export * from "./sign";
export * from "./x509";
export * from "./xml-writer";
