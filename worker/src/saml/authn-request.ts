import { BINDING_POST, NAMEID_EMAIL, NS } from "./namespaces";
import type { SpUrls } from "./sp-urls";
import { xmlEscape } from "./xml-escape";

/** How long a login may take at the IdP (password, MFA) before its InResponseTo is no longer accepted. */
export const AUTHN_REQUEST_TTL_MS = 10 * 60_000;

/** A fresh request ID: 160 random bits, prefixed so it is a valid xs:ID (may not start with a digit). */
export function newRequestId(): string {
  return `_${Buffer.from(crypto.getRandomValues(new Uint8Array(20))).toString("hex")}`;
}

async function deflateRaw(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The HTTP-Redirect binding URL of an SP-initiated login: an unsigned AuthnRequest (Okta does not require
 * signed requests; the response is bound to it through InResponseTo instead), DEFLATEd and base64-encoded.
 */
export async function buildAuthnRequestRedirect(input: {
  urls: SpUrls;
  idpSsoUrl: string;
  requestId: string;
  nowMs: number;
  relayState: string | undefined;
}): Promise<string> {
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${input.requestId}" Version="2.0"` +
    ` IssueInstant="${new Date(input.nowMs).toISOString()}" Destination="${xmlEscape(input.idpSsoUrl)}"` +
    ` AssertionConsumerServiceURL="${xmlEscape(input.urls.acsUrl)}" ProtocolBinding="${BINDING_POST}">` +
    `<saml:Issuer>${xmlEscape(input.urls.entityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="${NAMEID_EMAIL}" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`;
  const target = new URL(input.idpSsoUrl);
  target.searchParams.set("SAMLRequest", Buffer.from(await deflateRaw(xml)).toString("base64"));
  if (input.relayState !== undefined) target.searchParams.set("RelayState", input.relayState);
  return target.toString();
}
