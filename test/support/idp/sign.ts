/**
 * Signs a SAML Response the way Okta does: enveloped signatures on the Assertion and then on the
 * Response, exclusive c14n with `InclusiveNamespaces PrefixList="xs"`, SHA-256 digests, `ds:`
 * prefix, each `ds:Signature` placed right after its parent's `Issuer`, the certificate in KeyInfo.
 */
import { createPrivateKey } from "node:crypto";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { DIGEST_SHA256, registerExtraAlgorithms, SIGNATURE_ECDSA_SHA256, SIGNATURE_RSA_SHA256 } from "./algorithms";
import { SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "./build-response";
import { wrapLines } from "./pem";

const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const XMLDSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const INCLUSIVE_PREFIXES = "xs";

/** Namespace-qualified, so a look-alike element in another namespace is never what gets signed. */
export const RESPONSE_XPATH = `/*[local-name(.)='Response' and namespace-uri(.)='${SAML_PROTOCOL_NS}']`;
export const ASSERTION_XPATH = `${RESPONSE_XPATH}/*[local-name(.)='Assertion' and namespace-uri(.)='${SAML_ASSERTION_NS}']`;
const ISSUER_STEP = `/*[local-name(.)='Issuer' and namespace-uri(.)='${SAML_ASSERTION_NS}']`;

/** Options of {@link signOktaResponse}. */
export interface SignOptions {
  /** PKCS#8 (or PKCS#1/SEC1) PEM of an RSA or EC key. */
  readonly privateKeyPem: string;
  readonly certPem: string;
  /** Defaults to true. */
  readonly signAssertion?: boolean;
  /** Defaults to true. */
  readonly signResponse?: boolean;
  /** SignatureMethod URI; defaults to rsa-sha256 for RSA keys and ecdsa-sha256 for EC keys. */
  readonly signatureAlgorithm?: string;
  /** DigestMethod URI; defaults to SHA-256. */
  readonly digestAlgorithm?: string;
  /** Put the certificate in `ds:KeyInfo/ds:X509Data`, as Okta does. Defaults to true. */
  readonly includeKeyInfo?: boolean;
}

/** Okta line-wraps the KeyInfo certificate at 76 characters (MIME base64). */
function oktaKeyInfoContent(certPem: string): string {
  const base64 = certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  return `<ds:X509Data><ds:X509Certificate>${wrapLines(base64, 76)}</ds:X509Certificate></ds:X509Data>`;
}

function defaultSignatureAlgorithm(privateKeyPem: string): string {
  const keyType = createPrivateKey(privateKeyPem).asymmetricKeyType;
  if (keyType === "rsa") return SIGNATURE_RSA_SHA256;
  if (keyType === "ec") return SIGNATURE_ECDSA_SHA256;
  throw new Error(`unsupported signing key type: ${String(keyType)}`);
}

function hasIssuerChild(xml: string, localName: "Response" | "Assertion"): boolean {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const ns = localName === "Response" ? SAML_PROTOCOL_NS : SAML_ASSERTION_NS;
  const parent = doc.getElementsByTagNameNS(ns, localName)[0];
  return Array.from(parent?.childNodes ?? []).some((child) => child.namespaceURI === SAML_ASSERTION_NS && child.localName === "Issuer");
}

/**
 * xml-crypto 6.3.2 writes `<InclusiveNamespaces PrefixList="xs">` (default namespace) under *every*
 * Transform, including enveloped-signature. Okta writes it once, as `ec:InclusiveNamespaces`, under
 * the exc-c14n Transform only. Rewriting the Transforms to Okta's shape keeps verifiers honest
 * (they are tested on what Okta really sends) and does not change any digest: the prefix list only
 * matters to exc-c14n, where it stays.
 */
function reshapeTransformsLikeOkta(signature: Element): void {
  const doc = signature.ownerDocument;
  if (doc === null) throw new Error("the signature element is not in a document");
  for (const transform of Array.from(signature.getElementsByTagNameNS(XMLDSIG_NS, "Transform"))) {
    for (const child of Array.from(transform.childNodes)) transform.removeChild(child);
    if (transform.getAttribute("Algorithm") !== EXC_C14N) continue;
    const inclusive = doc.createElementNS(EXC_C14N, "ec:InclusiveNamespaces");
    inclusive.setAttribute("PrefixList", INCLUSIVE_PREFIXES);
    inclusive.setAttributeNS(XMLNS_NS, "xmlns:ec", EXC_C14N);
    transform.appendChild(inclusive);
  }
}

/**
 * Runs `reshape` on the new `ds:Signature` after xml-crypto has written the References and before it
 * canonicalises and signs SignedInfo. xml-crypto has no public hook there, so this wraps its private
 * `addAllReferences(doc, signatureElem, …)`; the tests that compare with Okta's shape catch a change.
 */
function afterReferencesAdded(signedXml: SignedXml, reshape: (signature: Element) => void): void {
  const internals = signedXml as unknown as { addAllReferences: (...args: unknown[]) => void };
  const addAllReferences = internals.addAllReferences.bind(signedXml);
  internals.addAllReferences = (...args: unknown[]) => {
    addAllReferences(...args);
    reshape(args[1] as Element);
  };
}

function signElement(xml: string, elementXpath: string, hasIssuer: boolean, options: SignOptions): string {
  const signedXml = registerExtraAlgorithms(
    new SignedXml({
      privateKey: options.privateKeyPem,
      publicCert: options.certPem,
      idAttribute: "ID",
      signatureAlgorithm: options.signatureAlgorithm ?? defaultSignatureAlgorithm(options.privateKeyPem),
      canonicalizationAlgorithm: EXC_C14N,
      getKeyInfoContent: options.includeKeyInfo === false ? () => null : () => oktaKeyInfoContent(options.certPem),
    }),
  );
  signedXml.addReference({
    xpath: elementXpath,
    transforms: [ENVELOPED_SIGNATURE, EXC_C14N],
    digestAlgorithm: options.digestAlgorithm ?? DIGEST_SHA256,
    inclusiveNamespacesPrefixList: [INCLUSIVE_PREFIXES],
  });
  afterReferencesAdded(signedXml, reshapeTransformsLikeOkta);
  signedXml.computeSignature(xml, {
    prefix: "ds",
    // The schema puts Signature right after Issuer; with no Issuer it is the first child.
    location: hasIssuer ? { reference: elementXpath + ISSUER_STEP, action: "after" } : { reference: elementXpath, action: "prepend" },
  });
  return signedXml.getSignedXml();
}

/**
 * Signs the Assertion first and the Response second, so that (as with Okta) the Response
 * signature also covers the signed Assertion.
 */
export function signOktaResponse(xml: string, options: SignOptions): string {
  let signed = xml;
  if (options.signAssertion !== false) {
    signed = signElement(signed, ASSERTION_XPATH, hasIssuerChild(signed, "Assertion"), options);
  }
  if (options.signResponse !== false) {
    signed = signElement(signed, RESPONSE_XPATH, hasIssuerChild(signed, "Response"), options);
  }
  return signed;
}
