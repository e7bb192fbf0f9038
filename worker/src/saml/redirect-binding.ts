/**
 * The SAML HTTP-Redirect binding (SAML 2.0 Bindings §3.4; docs/saml-checks.md, "Signed requests"): a protocol
 * message DEFLATEd (raw, RFC 1951), base64-encoded and carried in the query string as `SAMLRequest` or
 * `SAMLResponse`, with `RelayState`. Signed per §3.4.4.1: the signature is over the octets
 * `SAMLRequest=<v>&RelayState=<v>&SigAlg=<v>` (RelayState only when present), each value URL-encoded exactly as it
 * is sent, and goes in a final `Signature` parameter. The query string is built by hand, never by URLSearchParams,
 * so that the signed octets and the sent octets are the same string.
 */

/** The one signature algorithm we sign with: RSASSA-PKCS1-v1_5 with SHA-256. */
export const SIG_ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

export type RedirectMessage = {
  /** `SAMLRequest` for AuthnRequest and LogoutRequest, `SAMLResponse` for LogoutResponse. */
  parameter: "SAMLRequest" | "SAMLResponse";
  /** The protocol message XML (unsigned: on this binding the signature is on the query string, not in the XML). */
  xml: string;
  relayState?: string | undefined;
  /** When given, the query string is signed with it (an RSASSA-PKCS1-v1_5 SHA-256 private key). */
  signingKey?: CryptoKey | undefined;
};

export async function deflateRaw(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `encodeURIComponent`: RFC 3986 percent-encoding of everything but unreserved characters, UTF-8 first. */
const encode = (value: string) => encodeURIComponent(value);

/**
 * The query string of a Redirect-binding message (no leading `?`): `SAMLRequest|SAMLResponse`, then `RelayState`,
 * then, when signed, `SigAlg` and `Signature`, in that order.
 */
export async function redirectQuery(message: RedirectMessage): Promise<string> {
  const encoded = Buffer.from(await deflateRaw(message.xml)).toString("base64");
  let query = `${message.parameter}=${encode(encoded)}`;
  if (message.relayState !== undefined) query += `&RelayState=${encode(message.relayState)}`;
  if (!message.signingKey) return query;
  query += `&SigAlg=${encode(SIG_ALG_RSA_SHA256)}`;
  const signature = await crypto.subtle.sign({ name: "RSASSA-PKCS1-v1_5" }, message.signingKey, new TextEncoder().encode(query));
  return `${query}&Signature=${encode(Buffer.from(signature).toString("base64"))}`;
}

/** The endpoint URL with the message's query appended (after an existing query, if the endpoint has one). */
export async function redirectUrl(endpoint: string, message: RedirectMessage): Promise<string> {
  const target = new URL(endpoint);
  target.hash = "";
  const query = await redirectQuery(message);
  return `${target.origin}${target.pathname}${target.search ? `${target.search}&` : "?"}${query}`;
}
