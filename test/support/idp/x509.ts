/**
 * Builds real, self-signed X.509 v3 certificates with WebCrypto, so certificates are generated at
 * test time (in workerd and in Node alike) instead of being committed or made with openssl.
 */
import { bigintInteger, bitString, explicit, nullValue, objectIdentifier, sequence, set, unsignedInteger, utf8String, validityTime } from "./der";
import { toBase64, toPem } from "./pem";

/** Signature algorithms a test IdP signs with (JOSE names, as in `jose`). */
export type SigningAlgorithm = "RS256" | "ES256";

/** Options of {@link createSelfSignedCertificate}. */
export interface SelfSignedCertificateOptions {
  /** RS256: RSASSA-PKCS1-v1_5 with SHA-256; ES256: ECDSA P-256 with SHA-256. */
  readonly keyPair: CryptoKeyPair;
  readonly algorithm: SigningAlgorithm;
  /** Used as both subject and issuer CN (the certificate is self-signed). */
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Positive serial number; random 64 bits when omitted. */
  readonly serialNumber?: bigint;
}

/** A certificate in the three encodings tests need. */
export interface Certificate {
  /** PEM with BEGIN/END CERTIFICATE lines. */
  readonly pem: string;
  readonly der: Uint8Array;
  /** Base64 of the DER, no header and no line breaks (the form used in SAML metadata). */
  readonly base64: string;
}

const SIGNATURE_ALGORITHM_IDENTIFIERS: Record<SigningAlgorithm, Uint8Array> = {
  // sha256WithRSAEncryption (RFC 4055): parameters MUST be NULL.
  RS256: sequence(objectIdentifier("1.2.840.113549.1.1.11"), nullValue()),
  // ecdsa-with-SHA256 (RFC 5758): parameters MUST be absent.
  ES256: sequence(objectIdentifier("1.2.840.10045.4.3.2")),
};

const WEBCRYPTO_SIGN_PARAMS: Record<SigningAlgorithm, AlgorithmIdentifier | EcdsaParams> = {
  RS256: { name: "RSASSA-PKCS1-v1_5" },
  ES256: { name: "ECDSA", hash: "SHA-256" },
};

function randomSerialNumber(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 0x01; // positive and non-zero, as RFC 5280 §4.1.2.2 requires
  return BigInt(`0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`);
}

function commonNameOnly(commonName: string): Uint8Array {
  return sequence(set(sequence(objectIdentifier("2.5.4.3"), utf8String(commonName))));
}

/**
 * WebCrypto returns ECDSA signatures as raw r||s, but X.509 wants the DER
 * `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 §2.2.3).
 */
function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

/** Creates a self-signed X.509 v3 certificate for `keyPair`, signed with its private key. */
export async function createSelfSignedCertificate(options: SelfSignedCertificateOptions): Promise<Certificate> {
  const { keyPair, algorithm, commonName, notBefore, notAfter } = options;
  if (notAfter.getTime() <= notBefore.getTime()) throw new RangeError("notAfter must be after notBefore");
  const name = commonNameOnly(commonName);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey));
  const signatureAlgorithm = SIGNATURE_ALGORITHM_IDENTIFIERS[algorithm];
  const tbsCertificate = sequence(
    explicit(0, bigintInteger(2n)), // version v3
    bigintInteger(options.serialNumber ?? randomSerialNumber()),
    signatureAlgorithm,
    name, // issuer
    sequence(validityTime(notBefore), validityTime(notAfter)),
    name, // subject
    spki,
  );
  const rawSignature = new Uint8Array(await crypto.subtle.sign(WEBCRYPTO_SIGN_PARAMS[algorithm], keyPair.privateKey, tbsCertificate));
  const signature = algorithm === "ES256" ? ecdsaRawToDer(rawSignature) : rawSignature;
  const der = sequence(tbsCertificate, signatureAlgorithm, bitString(signature));
  return { pem: toPem("CERTIFICATE", der), der, base64: toBase64(der) };
}
