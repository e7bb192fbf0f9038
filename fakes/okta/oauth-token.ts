/**
 * `POST /oauth2/v1/token` of the org authorization server, client credentials only (docs/okta.md §2.1; DPoP §2.4):
 * client authentication (client-auth.ts), the requested scopes against the app's grants, the DPoP nonce handshake for
 * apps that require DPoP, then an opaque access token for `accessTokenTtlSeconds` (3600, like Okta).
 */
import { decodeJwt, decodeProtectedHeader } from "jose";
import { authenticateClient } from "./client-auth";
import { DpopProofError, verifyDpopProof } from "./dpop";
import { OAuthError, TOKEN } from "./errors";
import type { FakeResponse } from "./http";
import { opaque } from "./ids";
import type { AccessTokenRecord, Org, TokenRequestLog } from "./org";

export interface TokenRequest {
  contentType: string | undefined;
  authorization: string | undefined;
  dpopHeaders: string[];
  body: string;
  requestId: string;
}

/** Records a token request (also those a fault or the rate limit answers). */
export function startTokenLog(org: Org, request: TokenRequest, nowMs: number): TokenRequestLog {
  const log: TokenRequestLog = {
    atMs: nowMs,
    requestId: request.requestId,
    status: 0,
    form: Object.fromEntries(new URLSearchParams(request.body)),
    assertion: null,
    dpopHeaderPresent: request.dpopHeaders.length > 0,
    dpop: decodeUnverified(request.dpopHeaders[0]),
  };
  org.tokenRequests.push(log);
  return log;
}

export async function handleTokenRequest(org: Org, request: TokenRequest, nowMs: number, log: TokenRequestLog): Promise<FakeResponse> {
  const form = new URLSearchParams(request.body);
  let response: FakeResponse;
  try {
    response = await issue(org, request, form, nowMs, log);
  } catch (error) {
    const oauthError =
      error instanceof OAuthError ? error : error instanceof DpopProofError ? new OAuthError(400, "invalid_dpop_proof", error.description) : undefined;
    if (!oauthError) throw error;
    log.error = oauthError.error;
    log.errorDescription = oauthError.description;
    response = oauthError.toResponse();
  }
  log.status = response.status;
  return response;
}

async function issue(org: Org, request: TokenRequest, form: URLSearchParams, nowMs: number, log: TokenRequestLog): Promise<FakeResponse> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.contentType ?? "")) throw new OAuthError(400, "invalid_request", "Invalid request");
  const names = [...form.keys()];
  if (new Set(names).size !== names.length) throw TOKEN.duplicateParams();
  const grantType = form.get("grant_type");
  if (grantType === null || grantType === "") throw TOKEN.missingGrantType();
  if (grantType !== "client_credentials") throw TOKEN.unsupportedGrantType();

  const { client, spend } = await authenticateClient(form, request.authorization, org, nowMs, log);

  const scopes = (form.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
  if (scopes.length === 0) throw TOKEN.missingScopes();
  if (!scopes.every((scope) => client.grantedScopes.includes(scope))) throw TOKEN.invalidScope();

  let jkt: string | undefined;
  if (client.dpopRequired) {
    if (request.dpopHeaders.length === 0) throw new OAuthError(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
    if (request.dpopHeaders.length > 1) throw new OAuthError(400, "invalid_dpop_proof", "Multiple DPoP proof JWT headers are not allowed.");
    const proof = await verifyDpopProof(request.dpopHeaders[0]!, {
      method: "POST",
      origin: org.orgUrl,
      path: "/oauth2/v1/token",
      nowMs,
      clockSkewSeconds: org.options.clockSkewSeconds,
      replay: org.replay,
    });
    if (!org.acceptsDpopNonce(proof.nonce)) {
      if (org.options.consumeAssertionOnNonceChallenge) spend();
      throw TOKEN.useDpopNonce(org.dpopNonces.current);
    }
    jkt = proof.jkt;
  }
  if (!spend()) throw TOKEN.alreadyUsed();

  const token: AccessTokenRecord = {
    token: opaque(48),
    clientId: client.clientId,
    scopes,
    tokenType: jkt === undefined ? "Bearer" : "DPoP",
    jkt,
    issuedAtMs: nowMs,
    expiresAtMs: nowMs + org.options.accessTokenTtlSeconds * 1000,
  };
  org.accessTokens.set(token.token, token);
  log.tokenType = token.tokenType;
  log.scope = scopes.join(" ");
  return {
    status: 200,
    headers: { "cache-control": "no-store", pragma: "no-cache" },
    body: { token_type: token.tokenType, expires_in: org.options.accessTokenTtlSeconds, access_token: token.token, scope: scopes.join(" ") },
  };
}

/** For the request log only: what a JWT says, whether or not it verifies. */
function decodeUnverified(jwt: string | undefined): TokenRequestLog["dpop"] {
  if (jwt === undefined) return null;
  try {
    return { header: decodeProtectedHeader(jwt) as Record<string, unknown>, claims: decodeJwt(jwt) as Record<string, unknown> };
  } catch {
    return null;
  }
}
