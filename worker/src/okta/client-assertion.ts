import { SignJWT } from "jose";

/** Okta allows up to an hour; a short life limits what a leaked assertion is worth (Okta's SDK uses 5 min). */
export const ASSERTION_LIFETIME_S = 120;

export type ClientSigningKey = { key: CryptoKey; kid: string; alg: "RS256" | "ES256" };

/**
 * The private_key_jwt client assertion of docs/okta.md §2.2: `iss` = `sub` = client ID, `aud` = exactly the token URL
 * being called, a short `exp`, a fresh `jti` (Okta refuses a reused one) and `kid` in the header (required once the
 * JWKS holds two keys, e.g. during rotation).
 */
export function buildClientAssertion(input: { clientId: string; tokenUrl: string; signingKey: ClientSigningKey; nowMs: number }): Promise<string> {
  const now = Math.floor(input.nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: input.signingKey.alg, kid: input.signingKey.kid, typ: "JWT" })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .setJti(crypto.randomUUID())
    .sign(input.signingKey.key);
}
