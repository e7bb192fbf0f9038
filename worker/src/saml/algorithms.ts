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
