/**
 * XML-DSig algorithms that xml-crypto 6.3.2 does not ship: ECDSA (any hash), RSA-SHA384 and the
 * SHA-384 digest. Signers register them so tests can produce such signatures; a verifier in a
 * test registers them too, to check what the IdP produced.
 */
import { createHash, createSign, createVerify, type KeyLike, KeyObject } from "node:crypto";
import { createOptionalCallbackFunction, type HashAlgorithm, type SignatureAlgorithm, type SignedXml } from "xml-crypto";

export const SIGNATURE_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
export const SIGNATURE_RSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
export const SIGNATURE_ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
export const SIGNATURE_ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
export const SIGNATURE_ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512";
export const DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
export const DIGEST_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";

/**
 * `dsaEncoding: "ieee-p1363"` because XML-DSig (RFC 4051 §3.3.1.3) carries ECDSA signatures as raw
 * r||s, not as the DER SEQUENCE node:crypto produces by default.
 */
function nodeSignatureAlgorithm(uri: string, hash: string, ecdsa: boolean): new () => SignatureAlgorithm {
  const dsaEncoding = "ieee-p1363" as const;
  // Two branches only so TypeScript can match each key type to node's overloads.
  const keyOptions = (key: KeyLike) => {
    if (!ecdsa) return key;
    return key instanceof KeyObject ? { key, dsaEncoding } : { key, dsaEncoding };
  };
  return class NodeSignatureAlgorithm implements SignatureAlgorithm {
    getSignature = createOptionalCallbackFunction((signedInfo: string | NodeJS.ArrayBufferView, privateKey: KeyLike) =>
      createSign(hash).update(signedInfo).sign(keyOptions(privateKey), "base64"),
    );
    verifySignature = createOptionalCallbackFunction((material: string, key: KeyLike, signatureValue: string) =>
      createVerify(hash).update(material).verify(keyOptions(key), signatureValue, "base64"),
    );
    getAlgorithmName = (): string => uri;
  };
}

class Sha384 implements HashAlgorithm {
  getHash = (xml: string): string => createHash("sha384").update(xml, "utf8").digest("base64");
  getAlgorithmName = (): string => DIGEST_SHA384;
}

const EXTRA_SIGNATURE_ALGORITHMS: Record<string, new () => SignatureAlgorithm> = {
  [SIGNATURE_RSA_SHA384]: nodeSignatureAlgorithm(SIGNATURE_RSA_SHA384, "sha384", false),
  [SIGNATURE_ECDSA_SHA256]: nodeSignatureAlgorithm(SIGNATURE_ECDSA_SHA256, "sha256", true),
  [SIGNATURE_ECDSA_SHA384]: nodeSignatureAlgorithm(SIGNATURE_ECDSA_SHA384, "sha384", true),
  [SIGNATURE_ECDSA_SHA512]: nodeSignatureAlgorithm(SIGNATURE_ECDSA_SHA512, "sha512", true),
};

/** Adds the algorithms above to a `SignedXml` instance (xml-crypto keeps its registry per instance). */
export function registerExtraAlgorithms(signedXml: SignedXml): SignedXml {
  Object.assign(signedXml.SignatureAlgorithms, EXTRA_SIGNATURE_ALGORITHMS);
  signedXml.HashAlgorithms[DIGEST_SHA384] = Sha384;
  return signedXml;
}
