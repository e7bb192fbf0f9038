import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { AppError } from "../../../shared/errors";
import type { IdpCertificate, IdpConfig, IdpMetadata, SsoSummary } from "../../../shared/sso";
import { isLoopbackHost } from "../net/safe-fetch";
import { MAX_ELEMENT_DEPTH, parseStrictXml, StrictXmlError, type StrictXmlFailure } from "../xml/parse-strict";
import { idpSloEndpoints } from "./idp-slo-endpoints";
import { daysLeft } from "./metadata-refresh-expiry";
import { graceEndsAt } from "./metadata-refresh-grace";

const MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
const SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
/** SAML 2.0 metadata, section 2.3.2: entityID is at most 1024 characters. */
const MAX_ENTITY_ID_LENGTH = 1024;
/** Every pinned certificate may be tried at the ACS; a rollover needs two, a handful is plenty. */
const MAX_SIGNING_CERTIFICATES = 10;

/**
 * Every message below is fixed text (plus numbers and dates the worker derived): the document may have been fetched
 * from an admin-supplied URL, and a refusal that quoted it would read that URL's content back to the caller.
 */
const invalid = (message: string, details?: Record<string, unknown>) => new AppError("metadata_invalid", message, details);

const XML_FAILURE: Record<StrictXmlFailure, string> = {
  doctype: "the metadata contains a DOCTYPE or ENTITY declaration",
  malformed: "the metadata is not well-formed XML",
  root: "the metadata must be exactly one root element, with nothing but comments around it",
  depth: `the metadata nests deeper than ${MAX_ELEMENT_DEPTH} elements`,
};

/**
 * Reads an IdP's SAML 2.0 metadata document into what the SP pins: the entity ID (the only accepted `Issuer`),
 * the SSO endpoints and every signing certificate. The caller adds `metadataUrl` and `fetchedAt` to store it.
 *
 * The document is untrusted input (pasted, or fetched from an admin-supplied URL) and is not expected to be
 * signed (Okta does not sign it); it is trusted because an org admin chose it. Every element is found by its
 * namespace and local name on the expected path, so a same-named element in another namespace or somewhere
 * else in the tree is never read. Every failure is `metadata_invalid`.
 */
export function parseIdpMetadata(xml: string, nowMs: number): IdpMetadata {
  let root: Element;
  try {
    ({ root } = parseStrictXml(xml));
  } catch (error) {
    if (error instanceof StrictXmlError) throw invalid(XML_FAILURE[error.reason], { reason: error.reason });
    throw error;
  }
  assertStillValid(root, nowMs);
  const entity = selectEntityDescriptor(root);
  if (entity !== root) assertStillValid(entity, nowMs);

  const entityId = entity.getAttribute("entityID") ?? "";
  if (entityId.trim() === "") throw invalid("the EntityDescriptor has no entityID");
  if (entityId.length > MAX_ENTITY_ID_LENGTH) throw invalid(`the entityID is longer than ${MAX_ENTITY_ID_LENGTH}`);

  const idp = selectIdpSsoDescriptor(entity);
  assertStillValid(idp, nowMs);

  const ssoUrlRedirect = ssoLocation(idp, BINDING_REDIRECT);
  const ssoUrlPost = ssoLocation(idp, BINDING_POST);
  if (ssoUrlRedirect === undefined && ssoUrlPost === undefined) {
    throw invalid("the IDPSSODescriptor has no SingleSignOnService for the HTTP-Redirect or HTTP-POST binding");
  }

  return {
    entityId,
    ...(ssoUrlRedirect === undefined ? {} : { ssoUrlRedirect }),
    ...(ssoUrlPost === undefined ? {} : { ssoUrlPost }),
    ...idpSloEndpoints(idp),
    certificates: signingCertificates(idp),
  };
}

/**
 * The public view of a stored configuration: the preferred SSO URL, and of each certificate whether it has
 * expired, its days left, and whether it is still in the metadata or kept in grace after it disappeared.
 */
export function summarizeIdpConfig(config: IdpConfig, nowMs: number): SsoSummary {
  const ssoUrl = config.ssoUrlRedirect ?? config.ssoUrlPost;
  // IdpConfigSchema requires one of them; a stored record without either is our own fault.
  if (ssoUrl === undefined) throw new AppError("internal_error", "the stored IdP configuration has no SSO URL");
  return {
    entityId: config.entityId,
    ssoUrl,
    certificates: config.certificates.map(({ fingerprintSha256, notBefore, notAfter, subject, missingSince }) => ({
      fingerprintSha256,
      notBefore,
      notAfter,
      subject,
      expired: Date.parse(notAfter) <= nowMs,
      fingerprint: fingerprintSha256,
      daysLeft: daysLeft(notAfter, nowMs),
      ...(missingSince === undefined ? { source: "metadata" as const } : { source: "grace" as const, missingSince, graceUntil: graceEndsAt(missingSince) }),
    })),
    ...(config.metadataUrl === undefined ? {} : { metadataUrl: config.metadataUrl }),
    fetchedAt: config.fetchedAt,
  };
}

// ---------------------------------------------------------------------------------------------------------------

function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== node.ELEMENT_NODE) continue;
    const element = node as Element;
    if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
  }
  return found;
}

const isMd = (element: Element, localName: string) => element.namespaceURI === MD_NS && element.localName === localName;

/**
 * The root is the EntityDescriptor, or an EntitiesDescriptor (an aggregate) holding exactly one IdP entity:
 * with several, which IdP the admin meant is a guess, and a wrong guess pins another party's keys.
 */
function selectEntityDescriptor(root: Element): Element {
  if (isMd(root, "EntityDescriptor")) return root;
  if (!isMd(root, "EntitiesDescriptor")) {
    throw invalid("the root element must be md:EntityDescriptor or md:EntitiesDescriptor");
  }
  const idps = Array.from(root.getElementsByTagNameNS(MD_NS, "EntityDescriptor")).filter(
    (entity) => childElements(entity, MD_NS, "IDPSSODescriptor").length > 0,
  );
  if (idps.length !== 1) {
    throw invalid(`the EntitiesDescriptor must hold exactly one identity provider, found ${idps.length}`);
  }
  return idps[0]!;
}

/** Exactly one IDPSSODescriptor for SAML 2.0: two would make the endpoints and keys ambiguous. */
function selectIdpSsoDescriptor(entity: Element): Element {
  const saml2 = childElements(entity, MD_NS, "IDPSSODescriptor").filter((descriptor) =>
    (descriptor.getAttribute("protocolSupportEnumeration") ?? "").split(/\s+/).includes(SAML2_PROTOCOL),
  );
  if (saml2.length !== 1) {
    throw invalid(`expected exactly one IDPSSODescriptor supporting SAML 2.0, found ${saml2.length}`);
  }
  return saml2[0]!;
}

/** A `validUntil` in the past means the publisher no longer vouches for these keys and endpoints. */
function assertStillValid(element: Element, nowMs: number): void {
  const validUntil = element.getAttribute("validUntil");
  if (validUntil === null) return;
  const until = Date.parse(validUntil);
  if (Number.isNaN(until)) throw invalid("a validUntil is not a date");
  const expiredAt = new Date(until).toISOString();
  if (until <= nowMs) throw invalid(`the metadata expired at ${expiredAt}`, { validUntil: expiredAt });
}

/**
 * The first SingleSignOnService of a binding, as a normalised URL. The browser is sent there with the
 * AuthnRequest, so it must be https; http is accepted only for a loopback host, where a local development IdP runs
 * (127.0.0.1 never leaves the admin's machine, so nothing can be intercepted on the way).
 */
function ssoLocation(idp: Element, binding: string): string | undefined {
  const service = childElements(idp, MD_NS, "SingleSignOnService").find((element) => element.getAttribute("Binding") === binding);
  if (!service) return undefined;
  const location = service.getAttribute("Location") ?? "";
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw invalid("the SingleSignOnService Location is not a URL", { binding });
  }
  if (url.username !== "" || url.password !== "") {
    throw invalid("the SingleSignOnService Location must not contain credentials", { binding });
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  if (!secure) throw invalid("the SingleSignOnService Location must be https", { binding });
  return url.href;
}

/**
 * Every certificate of a KeyDescriptor meant for signing (`use="signing"` or no `use`); encryption keys are left
 * out so they can never verify a signature. During a rollover the IdP lists two: both are pinned.
 */
function signingCertificates(idp: Element): IdpCertificate[] {
  const byFingerprint = new Map<string, IdpCertificate>();
  for (const keyDescriptor of childElements(idp, MD_NS, "KeyDescriptor")) {
    const use = keyDescriptor.getAttribute("use");
    if (use === "encryption") continue;
    if (use !== null && use !== "signing") throw invalid('a KeyDescriptor\'s use is neither "signing" nor "encryption"');
    for (const keyInfo of childElements(keyDescriptor, DS_NS, "KeyInfo")) {
      for (const x509Data of childElements(keyInfo, DS_NS, "X509Data")) {
        for (const element of childElements(x509Data, DS_NS, "X509Certificate")) {
          const certificate = readCertificate(element.textContent ?? "");
          byFingerprint.set(certificate.fingerprintSha256, certificate);
        }
      }
    }
  }
  if (byFingerprint.size === 0) throw invalid("the IDPSSODescriptor has no signing certificate");
  if (byFingerprint.size > MAX_SIGNING_CERTIFICATES) {
    throw invalid(`more than ${MAX_SIGNING_CERTIFICATES} signing certificates`);
  }
  return [...byFingerprint.values()];
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_FINGERPRINT = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;

function readCertificate(text: string): IdpCertificate {
  // Metadata wraps the base64 at 64 or 76 columns; XML whitespace is the only thing that may be removed.
  const base64 = text.replace(/[ \t\r\n]+/g, "");
  if (base64 === "" || !BASE64.test(base64)) throw invalid("an X509Certificate is not valid base64");
  const der = Buffer.from(base64, "base64");
  // Non-zero padding bits decode to the same bytes as another string: only the canonical encoding is accepted.
  if (der.toString("base64") !== base64) throw invalid("an X509Certificate is not canonical base64");

  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    throw invalid("an X509Certificate is not a DER-encoded X.509 certificate");
  }
  const fingerprintSha256 = certificate.fingerprint256.toUpperCase();
  if (!HEX_FINGERPRINT.test(fingerprintSha256)) throw invalid("unexpected certificate fingerprint format");
  return {
    base64,
    fingerprintSha256,
    notBefore: isoDate(certificate.validFrom),
    notAfter: isoDate(certificate.validTo),
    // One line per RDN ("C=US\nO=Okta\nCN=acme"); shown on one line.
    subject: certificate.subject.split("\n").join(", "),
  };
}

function isoDate(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw invalid("a certificate's validity date is unreadable");
  return new Date(ms).toISOString();
}
