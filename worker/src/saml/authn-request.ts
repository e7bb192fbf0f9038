import { BINDING_POST, NAMEID_EMAIL, NS } from "./namespaces";
import { redirectUrl } from "./redirect-binding";
import type { SpUrls } from "./sp-urls";
import { xmlEscape } from "./xml-escape";

/** How long a login may take at the IdP (password, MFA) before its InResponseTo is no longer accepted. */
export const AUTHN_REQUEST_TTL_MS = 10 * 60_000;

/** A fresh request ID: 160 random bits, prefixed so it is a valid xs:ID (may not start with a digit). */
export function newRequestId(): string {
  return `_${Buffer.from(crypto.getRandomValues(new Uint8Array(20))).toString("hex")}`;
}

/**
 * The HTTP-Redirect binding URL of an SP-initiated login: the AuthnRequest DEFLATEd and base64-encoded, and, when
 * the org signs its requests, the query string signed as SAML Bindings §3.4.4.1 says (redirect-binding.ts). The
 * response is bound to it through InResponseTo either way. Our IdP URL is the metadata's Redirect SSO endpoint,
 * else its POST one: a signed query string on a POST-only IdP is sent the same way, and an IdP that only takes
 * POST then refuses it (docs/saml-checks.md, "Signed requests").
 */
export async function buildAuthnRequestRedirect(input: {
  urls: SpUrls;
  idpSsoUrl: string;
  requestId: string;
  nowMs: number;
  relayState: string | undefined;
  /** The SP signing key when the org's `signAuthnRequests` is on. */
  signingKey?: CryptoKey | undefined;
}): Promise<string> {
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${input.requestId}" Version="2.0"` +
    ` IssueInstant="${new Date(input.nowMs).toISOString()}" Destination="${xmlEscape(input.idpSsoUrl)}"` +
    ` AssertionConsumerServiceURL="${xmlEscape(input.urls.acsUrl)}" ProtocolBinding="${BINDING_POST}">` +
    `<saml:Issuer>${xmlEscape(input.urls.entityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="${NAMEID_EMAIL}" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`;
  return redirectUrl(input.idpSsoUrl, { parameter: "SAMLRequest", xml, relayState: input.relayState, signingKey: input.signingKey });
}
