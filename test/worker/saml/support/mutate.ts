/**
 * DOM surgery on genuinely signed SAML Responses, for the attack suites: parse, move / clone / wrap nodes,
 * serialize, base64. Plus a deliberately naive verifier (xml-crypto's `checkSignature` on every ds:Signature,
 * with the pinned certificate) so a test can prove that a mutated document still carries cryptographically
 * valid signatures, i.e. that only the ACS's structural guards stand between it and a session.
 */
import { DOMParser, type Document, type Element, type Node, XMLSerializer } from "@xmldom/xmldom";
import { expect } from "vitest";
import { SignedXml } from "xml-crypto";
import { ERROR_STATUS, type ErrorCode } from "../../../../shared/errors";
import { ASSERTION_XPATH, RESPONSE_XPATH, SAML_ASSERTION_NS, SAML_PROTOCOL_NS, utf8ToBase64 } from "../../../support/idp";
import { api, BOOTSTRAP, postAcs, sessionCookie } from "../../support/api";

export const NS = {
  protocol: SAML_PROTOCOL_NS,
  assertion: SAML_ASSERTION_NS,
  dsig: "http://www.w3.org/2000/09/xmldsig#",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
} as const;

export const ALG = {
  rsaSha1: "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  hmacSha1: "http://www.w3.org/2000/09/xmldsig#hmac-sha1",
  sha1: "http://www.w3.org/2000/09/xmldsig#sha1",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  excC14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  excC14nWithComments: "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
  c14n: "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
  xslt: "http://www.w3.org/TR/1999/REC-xslt-19991116",
  xpath: "http://www.w3.org/TR/1999/REC-xpath-19991116",
} as const;

export const ISSUER_STEP = `/*[local-name(.)='Issuer' and namespace-uri(.)='${SAML_ASSERTION_NS}']`;
export { ASSERTION_XPATH, RESPONSE_XPATH };

export function parseXml(xml: string): Document {
  return new DOMParser().parseFromString(xml, "text/xml");
}

export function serialize(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

/** Parses `xml`, lets `edit` change the DOM, serializes it again. */
export function mutate(xml: string, edit: (doc: Document) => void): string {
  const doc = parseXml(xml);
  edit(doc);
  return serialize(doc);
}

export function base64(xml: string): string {
  return utf8ToBase64(xml);
}

function elementChildren(parent: Node): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) out.push(child as Element);
  }
  return out;
}

/** The one direct child (namespace + local name); throws if absent, so a broken fixture fails loudly. */
export function child(parent: Node, ns: string, localName: string): Element {
  const found = elementChildren(parent).find((e) => e.namespaceURI === ns && e.localName === localName);
  if (!found) throw new Error(`fixture: no ${localName} under ${parent.nodeName}`);
  return found;
}

export function hasChild(parent: Node, ns: string, localName: string): boolean {
  return elementChildren(parent).some((e) => e.namespaceURI === ns && e.localName === localName);
}

/** First descendant (document order) with this namespace and local name. */
export function descendant(parent: Element | Document, ns: string, localName: string): Element {
  const found = parent.getElementsByTagNameNS(ns, localName).item(0);
  if (!found) throw new Error(`fixture: no ${localName} below ${parent.nodeName}`);
  return found;
}

export const responseOf = (doc: Document): Element => {
  const root = doc.documentElement;
  if (!root) throw new Error("fixture: no root");
  return root;
};
export const assertionOf = (doc: Document): Element => child(responseOf(doc), NS.assertion, "Assertion");
export const signatureOf = (signed: Element): Element => child(signed, NS.dsig, "Signature");

/** Inserts `node` right after `reference` (or appends when it is the last child). */
export function insertAfter(node: Node, reference: Node): void {
  reference.parentNode!.insertBefore(node, reference.nextSibling);
}

/** Replaces every AttributeValue / NameID text equal to `from` with `to` below `element`. */
export function replaceEmail(element: Element, from: string, to: string): void {
  for (const name of ["AttributeValue", "NameID"]) {
    const list = element.getElementsByTagNameNS(NS.assertion, name);
    for (let i = 0; i < list.length; i++) {
      const node = list.item(i)!;
      if (node.textContent === from) node.textContent = to;
    }
  }
}

/** Every `email` AttributeValue in document order (what a look-up by tag name sees). */
export function emailValues(xml: string): string[] {
  const doc = parseXml(xml);
  const values: string[] = [];
  const attributes = doc.getElementsByTagNameNS(NS.assertion, "Attribute");
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes.item(i)!;
    if (attribute.getAttribute("Name") !== "email") continue;
    for (const value of elementChildren(attribute)) values.push(value.textContent ?? "");
  }
  return values;
}

/**
 * The email a claims reader that walks `/Response/Assertion/AttributeStatement/Attribute[@Name="email"]` by direct
 * children (as the ACS does once the signatures are checked) would take from the first such Assertion.
 */
export function directAssertionEmail(xml: string): string | undefined {
  const doc = parseXml(xml);
  const assertion = elementChildren(responseOf(doc)).find((e) => e.namespaceURI === NS.assertion && e.localName === "Assertion");
  if (!assertion) return undefined;
  for (const statement of elementChildren(assertion)) {
    if (statement.namespaceURI !== NS.assertion || statement.localName !== "AttributeStatement") continue;
    for (const attribute of elementChildren(statement)) {
      if (attribute.getAttribute("Name") === "email") return elementChildren(attribute)[0]?.textContent ?? undefined;
    }
  }
  return undefined;
}

/**
 * A naive verifier: every ds:Signature of the document checks out with xml-crypto's `checkSignature` and the
 * pinned certificate (xml-crypto dereferences each Reference by ID wherever it is, and does not care where the
 * Signature sits or what the application later reads). False when any signature fails or none exists.
 */
export function naiveSignaturesVerify(xml: string, certPem: string, options: { hmacKey?: string } = {}): boolean {
  const doc = parseXml(xml);
  const signatures = doc.getElementsByTagNameNS(NS.dsig, "Signature");
  if (signatures.length === 0) return false;
  for (let i = 0; i < signatures.length; i++) {
    const verifier = new SignedXml({ publicCert: options.hmacKey ?? certPem });
    if (options.hmacKey) verifier.enableHMAC();
    verifier.loadSignature(signatures.item(i)! as never);
    try {
      if (verifier.checkSignature(xml) !== true) return false;
    } catch {
      return false;
    }
  }
  return true;
}

export type RawSignOptions = {
  /** XPath of the element the (first) Reference points at. */
  xpath: string;
  /** Where the ds:Signature goes. */
  location: { reference: string; action: "append" | "prepend" | "before" | "after" };
  privateKey: string;
  certPem?: string;
  signatureAlgorithm?: string;
  canonicalizationAlgorithm?: string;
  transforms?: string[];
  digestAlgorithm?: string;
  /** Write `URI=""` (the whole document) instead of `#ID`. */
  isEmptyUri?: boolean;
  /** Further References (XPaths), each with the default transforms. */
  extraReferenceXpaths?: string[];
  /** Sign with HMAC (the "key" is `privateKey`, e.g. the IdP's public certificate). */
  hmac?: boolean;
};

/**
 * Signs one element with xml-crypto directly, for shapes `signOktaResponse` refuses to make (SHA-1,
 * HMAC, inclusive or with-comments c14n, empty or extra References).
 */
export function signRaw(xml: string, options: RawSignOptions): string {
  const transforms = options.transforms ?? [ALG.enveloped, ALG.excC14n];
  const signer = new SignedXml({
    privateKey: options.privateKey,
    publicCert: options.certPem,
    idAttribute: "ID",
    signatureAlgorithm: options.signatureAlgorithm ?? ALG.rsaSha256,
    canonicalizationAlgorithm: options.canonicalizationAlgorithm ?? ALG.excC14n,
  });
  if (options.hmac) {
    signer.enableHMAC();
    signer.signatureAlgorithm = ALG.hmacSha1;
  }
  const digestAlgorithm = options.digestAlgorithm ?? ALG.sha256;
  signer.addReference({ xpath: options.xpath, transforms, digestAlgorithm, isEmptyUri: options.isEmptyUri ?? false });
  for (const xpath of options.extraReferenceXpaths ?? []) signer.addReference({ xpath, transforms, digestAlgorithm });
  signer.computeSignature(xml, { prefix: "ds", location: options.location });
  return signer.getSignedXml();
}

/** `location` for a signature placed like Okta's: right after the element's Issuer. */
export function afterIssuerOf(elementXpath: string): RawSignOptions["location"] {
  return { reference: elementXpath + ISSUER_STEP, action: "after" };
}

// ---- ACS verdicts (end-to-end through POST /:org/acs) ----

/** The users the organization has (JIT provisioning happens only on a successful sign-in). */
export async function orgUserEmails(orgId: string): Promise<string[]> {
  const response = await api(`/api/orgs/${orgId}/users`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { users: { email: string }[] };
  return body.users.map((user) => user.email);
}

/** The `error.code` of a JSON error body; a readable stand-in when there is none (e.g. a 303 that signed in). */
export async function refusalCode(response: Response): Promise<string> {
  const text = await response.text();
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? `(no code, status ${response.status})`;
  } catch {
    return `(not a JSON error: status ${response.status}, location ${response.headers.get("location")})`;
  }
}

/**
 * The ACS refuses `samlResponse` with exactly `code` (and that code's 4xx status), sets no cookie, and nobody
 * was provisioned: neither the victim nor the attacker signed in.
 */
export async function expectRefused(orgId: string, samlResponse: string, code: ErrorCode): Promise<void> {
  const response = await postAcs(orgId, samlResponse);
  expect({ status: response.status, code: await refusalCode(response) }).toEqual({ status: ERROR_STATUS[code], code });
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("set-cookie")).toBeNull();
  expect(sessionCookie(response)).toBeUndefined();
  expect(await orgUserEmails(orgId)).toEqual([]);
}

/** The ACS accepts `samlResponse`: 303, a session cookie, and /api/me answers for exactly `email`. */
export async function expectSignedInAs(orgId: string, samlResponse: string, email: string): Promise<void> {
  const response = await postAcs(orgId, samlResponse);
  expect(response.status, response.status === 303 ? "" : await response.clone().text()).toBe(303);
  const cookie = sessionCookie(response);
  expect(cookie).toBeDefined();
  const me = await api("/api/me", { headers: { cookie: cookie! } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe(email);
}
