/** Namespace URIs and fixed URNs of SAML 2.0 and XML-DSig. Elements are always found by (namespace, local name). */
export const NS = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
  metadata: "urn:oasis:names:tc:SAML:2.0:metadata",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  xmlenc: "http://www.w3.org/2001/04/xmlenc#",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

export const STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
export const CM_BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
export const NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
export const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
