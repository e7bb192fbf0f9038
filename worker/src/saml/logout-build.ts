import { NS, STATUS_SUCCESS } from "./namespaces";
import { xmlEscape } from "./xml-escape";

/** How long the IdP may take to answer our LogoutRequest before its InResponseTo is no longer accepted. */
export const LOGOUT_REQUEST_TTL_MS = 10 * 60_000;

/** Our failure answer to a LogoutRequest we could not honour (SAML Core §3.2.2.2). */
export const STATUS_REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester";
export const STATUS_RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder";

/**
 * The SP-initiated LogoutRequest (SAML Core §3.7.1), unsigned: on the HTTP-Redirect binding the signature goes on
 * the query string (redirect-binding.ts). NameID (with its Format) and SessionIndex are those of the assertion that
 * started the session.
 */
export function buildLogoutRequestXml(input: {
  id: string;
  nowMs: number;
  destination: string;
  issuer: string;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
}): string {
  const format = input.nameIdFormat === null ? "" : ` Format="${xmlEscape(input.nameIdFormat)}"`;
  return (
    `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${input.id}" Version="2.0"` +
    ` IssueInstant="${new Date(input.nowMs).toISOString()}" Destination="${xmlEscape(input.destination)}"` +
    ` NotOnOrAfter="${new Date(input.nowMs + LOGOUT_REQUEST_TTL_MS).toISOString()}">` +
    `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>` +
    `<saml:NameID${format}>${xmlEscape(input.nameId)}</saml:NameID>` +
    (input.sessionIndex === null ? "" : `<samlp:SessionIndex>${xmlEscape(input.sessionIndex)}</samlp:SessionIndex>`) +
    `</samlp:LogoutRequest>`
  );
}

/** Our LogoutResponse to the IdP's LogoutRequest (SAML Core §3.7.2): Success, or the failure status given. */
export function buildLogoutResponseXml(input: {
  id: string;
  nowMs: number;
  destination: string;
  issuer: string;
  inResponseTo: string;
  status?: string;
}): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${input.id}" Version="2.0"` +
    ` IssueInstant="${new Date(input.nowMs).toISOString()}" Destination="${xmlEscape(input.destination)}"` +
    ` InResponseTo="${xmlEscape(input.inResponseTo)}">` +
    `<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${input.status ?? STATUS_SUCCESS}"/></samlp:Status>` +
    `</samlp:LogoutResponse>`
  );
}
