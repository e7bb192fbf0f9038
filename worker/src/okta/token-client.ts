import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { buildClientAssertion, type ClientSigningKey } from "./client-assertion";
import { buildDpopProof, type DpopKey } from "./dpop-proof";
import type { AccessToken } from "./token-cache";
import { fetchWithTimeout, type OktaAmbient } from "./upstream";

/** What we have learnt about a credential's DPoP requirement (per isolate): Okta tells us at the first token call. */
export type DpopState = { required: boolean; nonce: string | undefined };

const TokenResponseSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
const OAuthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** The fix an admin applies in Okta Admin for each token-endpoint refusal. */
function remedy(error: string, description: string): string {
  if (error === "invalid_scope") return "Grant the scope on the app's Okta API Scopes tab.";
  if (error === "invalid_dpop_proof" || error === "use_dpop_nonce") return "DPoP handshake failed; check the app's DPoP setting.";
  if (/kid is invalid|jwks_uri|JWKSet/i.test(description)) {
    return "Set the app's Client authentication to Public key / Private key with \"Use a URL to fetch keys dynamically\" and this credential's JWKS URL.";
  }
  if (/client_id|issuer claim/i.test(description)) return "Check the client ID of the API Services app.";
  return "Check the API Services app: Client Credentials grant, Public key / Private key authentication with this credential's JWKS URL.";
}

/**
 * client_credentials with private_key_jwt against the org authorization server (docs/okta.md §2.1; DPoP: §2.4),
 * scopes as asked (least privilege). DPoP is handled transparently: a "proof missing" answer turns it on for this
 * credential, a `use_dpop_nonce` answer supplies the nonce; each retry carries a fresh assertion (Okta refuses a
 * reused `jti`).
 */
export async function requestAccessToken(input: {
  orgUrl: string;
  clientId: string;
  signingKey: ClientSigningKey;
  dpopKey: DpopKey;
  dpop: DpopState;
  scopes: readonly string[];
  ambient: OktaAmbient;
  deadlineMs: number;
}): Promise<AccessToken> {
  const nowMs = input.ambient.nowMs;
  const tokenUrl = `${input.orgUrl}/oauth2/v1/token`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      scope: input.scopes.join(" "),
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await buildClientAssertion({ clientId: input.clientId, tokenUrl, signingKey: input.signingKey, nowMs: nowMs() }),
    });
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
    if (input.dpop.required) {
      headers.dpop = await buildDpopProof({ key: input.dpopKey, method: "POST", url: tokenUrl, nowMs: nowMs(), nonce: input.dpop.nonce });
    }
    const response = await fetchWithTimeout(tokenUrl, { method: "POST", headers, body: form }, input.deadlineMs, input.ambient);
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const token = TokenResponseSchema.safeParse(body);
      if (!token.success) throw new AppError("okta_unavailable", "Okta's token endpoint answered an unexpected body");
      const tokenType = token.data.token_type.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
      return {
        accessToken: token.data.access_token,
        tokenType,
        expiresAtMs: nowMs() + token.data.expires_in * 1000,
        scope: token.data.scope ?? input.scopes.join(" "),
      };
    }
    if (response.status >= 500) throw new AppError("okta_unavailable", `Okta's token endpoint answered ${response.status}`, { status: response.status });
    if (response.status === 429) {
      throw new AppError("okta_rate_limited", "Okta rate-limited the token endpoint", { retryAfterSeconds: retryAfterSeconds(response, nowMs()) });
    }
    const error = OAuthErrorSchema.safeParse(body);
    const code = error.success ? error.data.error : "unknown_error";
    const description = error.success ? (error.data.error_description ?? "") : "";
    if (code === "invalid_dpop_proof" && !input.dpop.required) {
      input.dpop.required = true;
      continue;
    }
    if (code === "use_dpop_nonce" && response.headers.get("dpop-nonce")) {
      input.dpop.required = true;
      input.dpop.nonce = response.headers.get("dpop-nonce")!;
      continue;
    }
    throw new AppError("okta_token_rejected", `Okta refused the token request: ${code}`, {
      oauthError: code,
      oauthErrorDescription: description,
      dpopRequired: input.dpop.required,
      remedy: remedy(code, description),
      oktaRequestId: response.headers.get("x-okta-request-id"),
    });
  }
  throw new AppError("okta_token_rejected", "Okta's DPoP handshake did not complete", { remedy: remedy("invalid_dpop_proof", "") });
}

/** Seconds until Okta's `X-Rate-Limit-Reset` (epoch seconds), at least 1. */
export function retryAfterSeconds(response: Response, nowMs: number): number {
  const reset = Number(response.headers.get("x-rate-limit-reset"));
  return Number.isFinite(reset) && reset > 0 ? Math.max(1, Math.ceil(reset - nowMs / 1000)) : 60;
}
