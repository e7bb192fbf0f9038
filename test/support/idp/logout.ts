/**
 * The test IdP's side of single logout: LogoutRequests and LogoutResponses shaped like Okta's, signed for either
 * binding with the IdP's key (or any key a test passes), plus the metadata SingleLogoutService entries. Runs in
 * workerd and in plain Node.
 *
 * @example
 * const query = await redirectMessage({ parameter: "SAMLRequest", xml: logoutRequestXml({ … }), privateKeyPem });
 * await api(`/${org}/slo?${query}`);
 */
import { sign } from "node:crypto";
import { SignedXml } from "xml-crypto";
import { SAML_ASSERTION_NS, SAML_PROTOCOL_NS } from "./build-response";
import { escapeText } from "./xml-writer";

const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
export const SIG_ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
export const BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
export const BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const STATUS_SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

const attr = (value: string) => escapeText(value).replace(/"/g, "&quot;");
const randomId = () => `id${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("")}`;

/** Options of {@link logoutRequestXml}; `destination` is the SP's SLO URL. */
export interface LogoutRequestOptions {
  readonly issuer: string;
  readonly destination: string;
  readonly nameId: string;
  readonly now: Date;
  readonly id?: string;
  readonly nameIdFormat?: string | null;
  readonly sessionIndexes?: readonly string[];
  readonly notOnOrAfter?: Date;
  readonly issueInstant?: Date;
}

/** An Okta-shaped LogoutRequest (unsigned). */
export function logoutRequestXml(options: LogoutRequestOptions): string {
  const format = options.nameIdFormat === null ? "" : ` Format="${attr(options.nameIdFormat ?? NAMEID_EMAIL)}"`;
  const notOnOrAfter = options.notOnOrAfter ? ` NotOnOrAfter="${options.notOnOrAfter.toISOString()}"` : "";
  return (
    `<saml2p:LogoutRequest xmlns:saml2p="${SAML_PROTOCOL_NS}" Destination="${attr(options.destination)}" ID="${attr(options.id ?? randomId())}"` +
    ` IssueInstant="${(options.issueInstant ?? options.now).toISOString()}"${notOnOrAfter} Version="2.0">` +
    `<saml2:Issuer xmlns:saml2="${SAML_ASSERTION_NS}">${escapeText(options.issuer)}</saml2:Issuer>` +
    `<saml2:NameID xmlns:saml2="${SAML_ASSERTION_NS}"${format}>${escapeText(options.nameId)}</saml2:NameID>` +
    (options.sessionIndexes ?? []).map((index) => `<saml2p:SessionIndex>${escapeText(index)}</saml2p:SessionIndex>`).join("") +
    `</saml2p:LogoutRequest>`
  );
}

/** Options of {@link logoutResponseXml}. */
export interface LogoutResponseOptions {
  readonly issuer: string;
  readonly destination: string;
  readonly inResponseTo: string;
  readonly now: Date;
  readonly id?: string;
  readonly statusCode?: string;
}

/** An Okta-shaped LogoutResponse (unsigned). */
export function logoutResponseXml(options: LogoutResponseOptions): string {
  return (
    `<saml2p:LogoutResponse xmlns:saml2p="${SAML_PROTOCOL_NS}" Destination="${attr(options.destination)}" ID="${attr(options.id ?? randomId())}"` +
    ` InResponseTo="${attr(options.inResponseTo)}" IssueInstant="${options.now.toISOString()}" Version="2.0">` +
    `<saml2:Issuer xmlns:saml2="${SAML_ASSERTION_NS}">${escapeText(options.issuer)}</saml2:Issuer>` +
    `<saml2p:Status><saml2p:StatusCode Value="${attr(options.statusCode ?? STATUS_SUCCESS)}"/></saml2p:Status>` +
    `</saml2p:LogoutResponse>`
  );
}

/** HTTP-POST binding: an enveloped signature on the root element, right after its Issuer (exclusive c14n, RSA-SHA256). */
export function signLogoutXml(xml: string, privateKeyPem: string): string {
  const signed = new SignedXml({ privateKey: privateKeyPem, idAttribute: "ID", signatureAlgorithm: SIG_ALG_RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
  signed.addReference({ xpath: "/*", transforms: [ENVELOPED_SIGNATURE, EXC_C14N], digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
  signed.computeSignature(xml, {
    prefix: "ds",
    location: { reference: `/*/*[local-name(.)='Issuer' and namespace-uri(.)='${SAML_ASSERTION_NS}']`, action: "after" },
  });
  return signed.getSignedXml();
}

/** Base64 of raw DEFLATE, as the HTTP-Redirect binding carries a message. */
export async function deflateBase64(xml: string): Promise<string> {
  const stream = new Blob([xml]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return Buffer.from(await new Response(stream).arrayBuffer()).toString("base64");
}

/** Options of {@link redirectMessage}. */
export interface RedirectMessageOptions {
  readonly parameter: "SAMLRequest" | "SAMLResponse";
  readonly xml: string;
  readonly relayState?: string;
  /** Unsigned when absent. */
  readonly privateKeyPem?: string;
  readonly sigAlg?: string;
}

/**
 * The query string (no `?`) of an HTTP-Redirect message, signed as SAML Bindings §3.4.4.1: the signature is over
 * `param=<v>[&RelayState=<v>]&SigAlg=<v>` exactly as sent (URL-encoded values), appended as `Signature`.
 */
export async function redirectMessage(options: RedirectMessageOptions): Promise<string> {
  let query = `${options.parameter}=${encodeURIComponent(await deflateBase64(options.xml))}`;
  if (options.relayState !== undefined) query += `&RelayState=${encodeURIComponent(options.relayState)}`;
  if (options.privateKeyPem === undefined) return query;
  query += `&SigAlg=${encodeURIComponent(options.sigAlg ?? SIG_ALG_RSA_SHA256)}`;
  const signature = sign("sha256", Buffer.from(query, "utf8"), options.privateKeyPem).toString("base64");
  return `${query}&Signature=${encodeURIComponent(signature)}`;
}

/** Inflates a Redirect-binding value (base64 of raw DEFLATE) back to XML. */
export async function inflateBase64(value: string): Promise<string> {
  const stream = new Blob([Buffer.from(value, "base64")]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

/** IdP metadata with SingleLogoutService entries (both bindings) at `sloUrl`, as Okta lists them once SLO is on. */
export function withSloEndpoints(metadataXml: string, sloUrl: string): string {
  const services = [BINDING_POST, BINDING_REDIRECT].map((binding) => `<md:SingleLogoutService Binding="${binding}" Location="${attr(sloUrl)}"/>`).join("");
  return metadataXml.replace("<md:NameIDFormat", `${services}<md:NameIDFormat`);
}
