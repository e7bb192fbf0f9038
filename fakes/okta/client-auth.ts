/**
 * private_key_jwt client authentication of the org authorization server (docs/okta.md §2.2): the client assertion
 * must be signed with a key of the app's JWKS (fetched from its `jwks_uri`), `iss` = `sub` = client id, `aud` exactly
 * the token URL, `exp` at most an hour ahead, and its `jti` never seen before. Every refusal is 401 `invalid_client`
 * with Okta's description.
 */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { TOKEN } from "./errors";
import { type Jwks, JwksFetchError } from "./jwks-fetch";
import type { ClientRecord, Org, TokenRequestLog } from "./org";

export const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const ASSERTION_ALGS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"] as const;
/** "must be a maximum of only one hour in the future" */
const MAX_LIFETIME_S = 3600;

export interface AuthenticatedClient {
  client: ClientRecord;
  /** Marks the assertion's `jti` as used (deferred so a DPoP nonce challenge can leave it unspent). */
  spend(): boolean;
}

export async function authenticateClient(
  form: URLSearchParams,
  authorization: string | undefined,
  org: Org,
  nowMs: number,
  log: TokenRequestLog,
): Promise<AuthenticatedClient> {
  const assertion = form.get("client_assertion");
  const assertionType = form.get("client_assertion_type");
  // Client secrets (Basic auth or a client_secret field) are not accepted by the org authorization server.
  if (authorization?.toLowerCase().startsWith("basic ") || form.has("client_secret")) throw TOKEN.mustUsePrivateKeyJwt();
  if (assertion === null || assertion === "") throw TOKEN.noCredentials();
  if (assertionType !== ASSERTION_TYPE) throw TOKEN.assertionTypeInvalid();

  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
    claims = decodeJwt(assertion) as Record<string, unknown>;
  } catch {
    throw TOKEN.assertionParse();
  }
  log.assertion = { header, claims };

  const client = typeof claims.iss === "string" ? org.clients.get(claims.iss) : undefined;
  if (!client) throw TOKEN.invalidIssuer();
  log.clientId = client.clientId;
  const formClientId = form.get("client_id");
  if (formClientId !== null && formClientId !== client.clientId) throw TOKEN.invalidClientId();
  if (claims.sub !== client.clientId) throw TOKEN.invalidSubject();

  const alg = header.alg;
  if (typeof alg !== "string" || !(ASSERTION_ALGS as readonly string[]).includes(alg)) throw TOKEN.badAlg();

  let jwks: Jwks;
  try {
    jwks = await client.jwks.get(nowMs, org.options.jwksCacheSeconds);
  } catch (error) {
    throw error instanceof JwksFetchError && error.kind === "invalid" ? TOKEN.invalidJwks() : TOKEN.jwksUriError();
  }
  const fromUri = client.jwks.jwksUri !== undefined;
  if (jwks.keys.length === 0) throw fromUri ? TOKEN.jwksUriNoKey() : TOKEN.invalidJwks();
  const kids = jwks.keys.map((key) => key.kid);
  if (new Set(kids).size !== kids.length) throw fromUri ? TOKEN.jwksUriAmbiguous() : TOKEN.invalidJwks();

  // The kid is required (the strict reading: Okta's SDK needs it once the JWKS holds two keys, docs/okta.md §2.2).
  const kid = header.kid;
  const jwk: JWK | undefined = typeof kid === "string" ? jwks.keys.find((key) => key.kid === kid) : undefined;
  if (!jwk) throw TOKEN.badKid();
  if (jwk.use !== undefined && jwk.use !== "sig") throw TOKEN.badKeyUse();
  if (jwk.alg !== undefined && jwk.alg !== alg) throw TOKEN.badAlg();

  try {
    const key = await importJWK(jwk, alg);
    await compactVerify(assertion, key, { algorithms: [alg] });
  } catch {
    throw TOKEN.badSignature();
  }

  // Claims are trusted only now that the signature holds.
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (audiences.length !== 1 || audiences[0] !== org.tokenUrl) throw TOKEN.invalidAudience();
  const nowS = Math.floor(nowMs / 1000);
  const skew = org.options.clockSkewSeconds;
  const exp = claims.exp;
  if (typeof exp !== "number" || !Number.isFinite(exp)) throw TOKEN.expRequired();
  if (exp <= nowS - skew) throw TOKEN.expired();
  if (exp > nowS + MAX_LIFETIME_S + skew) throw TOKEN.expTooFar();
  if (claims.iat !== undefined && (typeof claims.iat !== "number" || claims.iat > nowS + skew)) throw TOKEN.issuedInFuture();
  const jti = typeof claims.jti === "string" ? claims.jti : undefined;
  if (jti !== undefined && !org.replay.peek(`assertion:${client.clientId}:${jti}`, nowMs)) throw TOKEN.alreadyUsed();

  return {
    client,
    spend: () => jti === undefined || org.replay.use(`assertion:${client.clientId}:${jti}`, exp * 1000, nowMs),
  };
}
