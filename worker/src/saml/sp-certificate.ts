import { Integer, Utf8String } from "asn1js";
import { AttributeTypeAndValue, Certificate } from "pkijs";

/**
 * A self-signed X.509 v3 certificate for an SP key, built with pkijs over WebCrypto. SAML metadata carries keys as
 * certificates; IdPs (Okta among them) read only the public key from it and ignore the issuer chain, so
 * self-signed is what SPs publish (docs/saml-checks.md, "SP keys").
 */
export async function selfSignedCertificate(input: {
  publicKey: CryptoKey;
  /** An RSASSA-PKCS1-v1_5 SHA-256 handle of the same key pair's private key. */
  signingKey: CryptoKey;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<string> {
  const certificate = new Certificate();
  certificate.version = 2;
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and non-zero (RFC 5280 §4.1.2.2)
  certificate.serialNumber = new Integer({ valueHex: serial.buffer });
  for (const name of [certificate.subject, certificate.issuer]) {
    name.typesAndValues.push(new AttributeTypeAndValue({ type: "2.5.4.3", value: new Utf8String({ value: input.commonName }) }));
  }
  certificate.notBefore.value = input.notBefore;
  certificate.notAfter.value = input.notAfter;
  await certificate.subjectPublicKeyInfo.importKey(input.publicKey);
  await certificate.sign(input.signingKey, "SHA-256");
  return Buffer.from(certificate.toSchema(true).toBER(false)).toString("base64");
}
