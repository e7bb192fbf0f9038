import { base64url, SignJWT } from "jose";

export type DpopKey = { privateKey: CryptoKey; publicJwk: JsonWebKey };

/**
 * A DPoP proof (RFC 9449) for one request, as Okta expects (docs/okta.md §2.4): `typ: dpop+jwt`, the public key in the
 * header, `htm`, `htu` without query or fragment, `iat`, a fresh `jti`, the server's `nonce` when it gave one, and
 * for resource requests `ath` = base64url(SHA-256(access token)).
 */
export async function buildDpopProof(input: {
  key: DpopKey;
  method: string;
  url: string;
  nowMs: number;
  nonce?: string | undefined;
  accessToken?: string | undefined;
}): Promise<string> {
  const target = new URL(input.url);
  const claims: Record<string, string> = { htm: input.method, htu: `${target.origin}${target.pathname}` };
  if (input.nonce) claims.nonce = input.nonce;
  if (input.accessToken) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input.accessToken));
    claims.ath = base64url.encode(new Uint8Array(digest));
  }
  const { kty, crv, x, y } = input.key.publicJwk;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: { kty: kty!, crv: crv!, x: x!, y: y! } })
    .setIssuedAt(Math.floor(input.nowMs / 1000))
    .setJti(crypto.randomUUID())
    .sign(input.key.privateKey);
}
