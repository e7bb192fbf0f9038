/**
 * The only XML-DSig algorithms we accept (docs/saml-checks.md §4.3). SHA-1, HMAC (a signature anyone with the
 * "key" can forge, including from a public certificate) and inclusive or with-comments canonicalization are refused.
 */
export const C14N_EXCLUSIVE = "http://www.w3.org/2001/10/xml-exc-c14n#";
export const TRANSFORM_ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

export type SignatureAlgorithm = { hash: "sha256" | "sha384" | "sha512"; keyType: "rsa" | "ec" };

export const SIGNATURE_ALGORITHMS: Readonly<Record<string, SignatureAlgorithm>> = {
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": { hash: "sha256", keyType: "rsa" },
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": { hash: "sha384", keyType: "rsa" },
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": { hash: "sha512", keyType: "rsa" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": { hash: "sha256", keyType: "ec" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": { hash: "sha384", keyType: "ec" },
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": { hash: "sha512", keyType: "ec" },
};

export const DIGEST_ALGORITHMS: Readonly<Record<string, "sha256" | "sha384" | "sha512">> = {
  "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
};

/**
 * XML Encryption algorithms we decrypt (docs/saml-checks.md §3.1, those Okta's assertion encryption offers).
 * Key transport: RSA-OAEP; the OAEP digest and MGF1 digest must be the same (WebCrypto's RSA-OAEP has one hash).
 */
export const KEY_TRANSPORT_RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
export const KEY_TRANSPORT_RSA_OAEP = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
export const KEY_TRANSPORT_ALGORITHMS: ReadonlySet<string> = new Set([KEY_TRANSPORT_RSA_OAEP_MGF1P, KEY_TRANSPORT_RSA_OAEP]);

/** OAEP DigestMethod values (absent = SHA-1, the default of both key transport algorithms). */
export const OAEP_DIGESTS: Readonly<Record<string, "SHA-1" | "SHA-256">> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "SHA-1",
  "http://www.w3.org/2001/04/xmlenc#sha256": "SHA-256",
};

/** xenc11 MGF values (absent = MGF1 with SHA-1). */
export const MGF_DIGESTS: Readonly<Record<string, "SHA-1" | "SHA-256">> = {
  "http://www.w3.org/2009/xmlenc11#mgf1sha1": "SHA-1",
  "http://www.w3.org/2009/xmlenc11#mgf1sha256": "SHA-256",
};

export type ContentAlgorithm = { mode: "AES-GCM" | "AES-CBC"; keyBytes: 16 | 32 };

export const CONTENT_ALGORITHMS: Readonly<Record<string, ContentAlgorithm>> = {
  "http://www.w3.org/2009/xmlenc11#aes128-gcm": { mode: "AES-GCM", keyBytes: 16 },
  "http://www.w3.org/2009/xmlenc11#aes256-gcm": { mode: "AES-GCM", keyBytes: 32 },
  "http://www.w3.org/2001/04/xmlenc#aes128-cbc": { mode: "AES-CBC", keyBytes: 16 },
  "http://www.w3.org/2001/04/xmlenc#aes256-cbc": { mode: "AES-CBC", keyBytes: 32 },
};
