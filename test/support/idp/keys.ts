/** Key pairs plus matching self-signed certificates: what an IdP signs SAML Responses with. */
import { toPem } from "./pem";
import { createSelfSignedCertificate, type SigningAlgorithm } from "./x509";

/** Options of {@link generateSigningIdentity}. */
export interface SigningIdentityOptions {
  /** Okta signs with RSA (RS256, the default); ES256 exercises the ECDSA path of a verifier. */
  readonly algorithm?: SigningAlgorithm;
  readonly commonName?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** A signing key with its certificate, in the encodings signers and SP metadata need. */
export interface SigningIdentity {
  readonly algorithm: SigningAlgorithm;
  /** PKCS#8 PEM ("BEGIN PRIVATE KEY"). */
  readonly privateKeyPem: string;
  readonly certPem: string;
  /** Base64 DER of the certificate, no header and no line breaks. */
  readonly certBase64: string;
  readonly keyPair: CryptoKeyPair;
}

/**
 * A wide, fixed validity window by default: tests run with frozen clocks (some years in the past,
 * like the real Okta fixtures of 2020), and a certificate that is not yet valid at such a clock
 * would fail them for an unrelated reason. Tests about expiry pass their own dates.
 */
const DEFAULT_NOT_BEFORE = new Date("2000-01-01T00:00:00Z");
const DEFAULT_NOT_AFTER = new Date("2049-12-31T23:59:59Z");

const KEY_PARAMS: Record<SigningAlgorithm, RsaHashedKeyGenParams | EcKeyGenParams> = {
  RS256: { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: "SHA-256" },
  ES256: { name: "ECDSA", namedCurve: "P-256" },
};

/** Generates a fresh key pair (RSA 2048 or P-256) and a self-signed certificate for it. */
export async function generateSigningIdentity(options: SigningIdentityOptions = {}): Promise<SigningIdentity> {
  const algorithm = options.algorithm ?? "RS256";
  const keyPair = (await crypto.subtle.generateKey(KEY_PARAMS[algorithm], true, ["sign", "verify"])) as CryptoKeyPair;
  const certificate = await createSelfSignedCertificate({
    keyPair,
    algorithm,
    commonName: options.commonName ?? "persona-okta-companion-test-idp",
    notBefore: options.notBefore ?? DEFAULT_NOT_BEFORE,
    notAfter: options.notAfter ?? DEFAULT_NOT_AFTER,
  });
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", keyPair.privateKey)) as ArrayBuffer);
  return {
    algorithm,
    privateKeyPem: toPem("PRIVATE KEY", pkcs8),
    certPem: certificate.pem,
    certBase64: certificate.base64,
    keyPair,
  };
}
