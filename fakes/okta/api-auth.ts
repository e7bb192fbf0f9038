/**
 * Who is calling the Management API and whether they may run the operation (docs/okta.md §1.1, §2.5, §3.1):
 * `SSWS <api token>` (the token's admin permissions), `Bearer <access token>`, or `DPoP <access token>` with a fresh
 * `DPoP` proof bound to the token's key. A missing, unknown or expired credential is 401 E0000011; a token without
 * the operation's scope, or an app/token whose admin role lacks the permission, is 403 E0000006.
 *
 * DPoP failures on resource requests use the statuses of Okta's OAuth error catalog (400 `invalid_dpop_proof` /
 * `invalid_request`, 401 `invalid_token`) in Okta's error envelope (`errorCode` = the OAuth error) with a
 * `WWW-Authenticate: DPoP …` challenge; Okta documents the descriptions, not the envelope, so that part is inferred.
 */
import { DPOP_ALGS, DpopProofError, verifyDpopProof } from "./dpop";
import { E, OktaApiError } from "./errors";
import { type OperationSpec, permits } from "./operations";
import type { AccessTokenRecord, ApiTokenRecord, ClientRecord, Org } from "./org";

export type Principal =
  | { kind: "apiToken"; token: ApiTokenRecord }
  | { kind: "oauth"; token: AccessTokenRecord; client: ClientRecord | undefined; scheme: "Bearer" | "DPoP" };

export interface AuthInput {
  authorization: string | undefined;
  dpopHeaders: string[];
  method: string;
  /** Raw path under the org (for `htu` and the challenge's `resource`). */
  path: string;
  nowMs: number;
}

function challenge(
  scheme: "Bearer" | "DPoP",
  org: Org,
  operation: OperationSpec | undefined,
  path: string,
  error: string,
  description: string,
): Record<string, string> {
  const parts = [
    ...(scheme === "DPoP" ? [`algs="${DPOP_ALGS.join(" ")}"`] : []),
    `authorization_uri="${org.orgUrl}/oauth2/v1/authorize"`,
    `realm="${org.orgUrl}"`,
    ...(operation ? [`scope="${operation.scope}"`] : []),
    `error="${error}"`,
    `error_description="${description}"`,
    `resource="${path}"`,
  ];
  return { "www-authenticate": `${scheme} ${parts.join(", ")}` };
}

function oauthStyle(status: number, error: string, description: string, headers: Record<string, string>): OktaApiError {
  return new OktaApiError(status, error, description, [], headers);
}

const SCHEMES: Record<string, "SSWS" | "Bearer" | "DPoP" | undefined> = { ssws: "SSWS", bearer: "Bearer", dpop: "DPoP" };

export async function authenticate(org: Org, input: AuthInput, operation: OperationSpec | undefined): Promise<Principal> {
  const match = /^(\S+)\s+(\S+)$/.exec(input.authorization?.trim() ?? "");
  if (!match) throw E.invalidToken();
  // Authentication schemes are case-insensitive (RFC 9110 §11.1).
  const scheme = SCHEMES[match[1]!.toLowerCase()];
  const credential = match[2]!;

  if (scheme === "SSWS") {
    const token = org.apiTokens.get(credential);
    if (!token) throw E.invalidToken();
    return { kind: "apiToken", token };
  }
  if (scheme === undefined) throw E.invalidToken();

  const token = org.accessTokens.get(credential);
  if (!token || token.expiresAtMs <= input.nowMs) {
    throw E.invalidToken(challenge(scheme, org, operation, input.path, "invalid_token", token ? "The token has expired." : "The access token is invalid."));
  }
  if (scheme === "Bearer") {
    if (token.tokenType === "DPoP") {
      throw oauthStyle(
        400,
        "invalid_request",
        "The resource request must use the DPoP authentication scheme when using a DPoP bound token.",
        challenge(
          "DPoP",
          org,
          operation,
          input.path,
          "invalid_request",
          "The resource request must use the DPoP authentication scheme when using a DPoP bound token.",
        ),
      );
    }
  } else {
    if (token.tokenType !== "DPoP") {
      throw oauthStyle(
        401,
        "invalid_token",
        "The presented access_token is not DPoP bound.",
        challenge("DPoP", org, operation, input.path, "invalid_token", "The presented access_token is not DPoP bound."),
      );
    }
    const dpopError = (error: string, description: string, status = 400) =>
      oauthStyle(status, error, description, challenge("DPoP", org, operation, input.path, error, description));
    if (input.dpopHeaders.length === 0) throw dpopError("invalid_request", "The resource request requires a DPoP proof.");
    if (input.dpopHeaders.length > 1) throw dpopError("invalid_dpop_proof", "Multiple DPoP proof JWT headers are not allowed.");
    let jkt: string;
    try {
      ({ jkt } = await verifyDpopProof(input.dpopHeaders[0]!, {
        method: input.method,
        origin: org.orgUrl,
        path: input.path,
        nowMs: input.nowMs,
        clockSkewSeconds: org.options.clockSkewSeconds,
        replay: org.replay,
        accessToken: credential,
      }));
    } catch (error) {
      if (error instanceof DpopProofError) throw dpopError("invalid_dpop_proof", error.description);
      throw error;
    }
    if (jkt !== token.jkt) throw dpopError("invalid_dpop_proof", "The access_token is not bound to the provided DPoP proof.");
  }
  return { kind: "oauth", token, client: org.clients.get(token.clientId), scheme };
}

/** Scope (OAuth tokens only) and then the admin role's permissions. */
export function authorize(org: Org, principal: Principal, operation: OperationSpec, path: string): void {
  if (principal.kind === "oauth") {
    const scopes = principal.token.scopes;
    const readImplied =
      org.options.manageScopeImpliesRead && operation.scope.endsWith(".read") && scopes.includes(operation.scope.replace(/\.read$/, ".manage"));
    if (!scopes.includes(operation.scope) && !readImplied) {
      throw E.accessDenied(
        challenge(principal.scheme, org, operation, path, "insufficient_scope", "The access token provided does not contain the required scopes."),
      );
    }
  }
  const adminRole = principal.kind === "apiToken" ? principal.token.adminRole : (principal.client?.adminRole ?? false);
  if (!operation.permissions.every((permission) => permits(adminRole, permission))) throw E.accessDenied();
}
