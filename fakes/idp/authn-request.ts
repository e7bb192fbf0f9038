/**
 * Reads the SP's AuthnRequest the way an IdP does: HTTP-Redirect binding (base64 of raw DEFLATE, in the query)
 * or HTTP-POST binding (plain base64, in a form). Only what the fake IdP needs is read: the request ID (for
 * InResponseTo), the SP's Issuer (its entity ID, our Audience) and the AssertionConsumerServiceURL.
 *
 * The input comes from whoever opens the URL, so it is parsed defensively: bounded sizes (no inflate bomb), no
 * DOCTYPE, every xmldom warning fatal, elements found by namespace and local name.
 */
import { inflateRawSync } from "node:zlib";
import { DOMParser, type Element } from "@xmldom/xmldom";

const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

/** Far above any real AuthnRequest (about 700 bytes from this project's SP), far below anything harmful. */
const MAX_ENCODED_CHARS = 16 * 1024;
const MAX_XML_BYTES = 64 * 1024;
/** An xs:ID is an NCName; a bound on length keeps it a sane attribute value. */
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;

/** What the fake IdP takes from an AuthnRequest. */
export interface AuthnRequestInfo {
  /** Becomes `InResponseTo` of the Response and of `SubjectConfirmationData`. */
  readonly id: string;
  /** The SP's entity ID: the Audience of the assertion. */
  readonly issuer: string;
  /** Where the SP wants the response; absent means "the ACS configured for this app" (Okta's behaviour). */
  readonly acsUrl: string | undefined;
}

/** The request could not be read; the message is safe to show (it never echoes the input). */
export class AuthnRequestError extends Error {
  override readonly name = "AuthnRequestError";
}

function strictBase64(encoded: string): Buffer {
  // Some SPs line-wrap the value; anything else outside the alphabet is an error, not something to skip.
  const compact = encoded.replace(/[\r\n ]/g, "");
  if (compact.length === 0 || compact.length > MAX_ENCODED_CHARS) throw new AuthnRequestError("SAMLRequest is empty or too large");
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new AuthnRequestError("SAMLRequest is not base64");
  return Buffer.from(compact, "base64");
}

/** HTTP-Redirect binding: `SAMLRequest` = base64(raw DEFLATE(xml)). */
export function decodeRedirectAuthnRequest(samlRequest: string): AuthnRequestInfo {
  let xml: Buffer;
  try {
    // maxOutputLength turns a decompression bomb into an error instead of a large allocation.
    xml = inflateRawSync(strictBase64(samlRequest), { maxOutputLength: MAX_XML_BYTES });
  } catch (error) {
    if (error instanceof AuthnRequestError) throw error;
    throw new AuthnRequestError("SAMLRequest is not valid DEFLATE data (or inflates to more than 64 KB)");
  }
  return parseAuthnRequestXml(decodeUtf8(xml));
}

/** HTTP-POST binding: `SAMLRequest` = base64(xml), not compressed. */
export function decodePostAuthnRequest(samlRequest: string): AuthnRequestInfo {
  const xml = strictBase64(samlRequest);
  if (xml.byteLength > MAX_XML_BYTES) throw new AuthnRequestError("SAMLRequest is too large");
  return parseAuthnRequestXml(decodeUtf8(xml));
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AuthnRequestError("SAMLRequest is not UTF-8");
  }
}

/** Parses an AuthnRequest document and returns its ID, Issuer and ACS URL. */
export function parseAuthnRequestXml(xml: string): AuthnRequestInfo {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new AuthnRequestError("DOCTYPE is not allowed in an AuthnRequest");
  let root: Element | null;
  try {
    const doc = new DOMParser({
      locator: false,
      onError: (level) => {
        throw new AuthnRequestError(`the AuthnRequest is not well-formed XML (${level})`);
      },
    }).parseFromString(xml, "text/xml");
    root = doc.documentElement;
  } catch (error) {
    // xmldom wraps what onError throws in a ParseError.
    throw error instanceof AuthnRequestError ? error : new AuthnRequestError("the AuthnRequest is not well-formed XML");
  }
  if (!root || root.namespaceURI !== PROTOCOL_NS || root.localName !== "AuthnRequest") {
    throw new AuthnRequestError("the document is not a samlp:AuthnRequest");
  }

  const id = root.getAttribute("ID") ?? "";
  if (!NCNAME.test(id)) throw new AuthnRequestError("the AuthnRequest has no valid ID");

  const protocolBinding = root.getAttribute("ProtocolBinding");
  if (protocolBinding && protocolBinding !== BINDING_POST) {
    throw new AuthnRequestError("only the HTTP-POST binding is supported for the response");
  }

  const issuers = Array.from(root.childNodes).filter(
    (node): node is Element =>
      node.nodeType === node.ELEMENT_NODE && (node as Element).namespaceURI === ASSERTION_NS && (node as Element).localName === "Issuer",
  );
  if (issuers.length !== 1) throw new AuthnRequestError("the AuthnRequest must have exactly one saml:Issuer");
  const issuer = (issuers[0]!.textContent ?? "").trim();
  if (issuer === "") throw new AuthnRequestError("the AuthnRequest Issuer is empty");

  const acsAttribute = root.getAttribute("AssertionConsumerServiceURL");
  let acsUrl: string | undefined;
  if (acsAttribute) {
    if (!URL.canParse(acsAttribute)) throw new AuthnRequestError("AssertionConsumerServiceURL is not an absolute URL");
    acsUrl = acsAttribute;
  }
  return { id, issuer, acsUrl };
}
