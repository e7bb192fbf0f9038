/**
 * Okta's two error shapes, with the verbatim summaries of Okta's error catalogs (developer.okta.com/docs/reference
 * /error-codes and data/oauth2-error-codes.json of okta-developer-docs):
 * - Management API: `{errorCode, errorSummary, errorLink, errorId, errorCauses}` (docs/okta.md §3.1);
 * - OAuth endpoints: `{error, error_description}` (docs/okta.md §2.5, last paragraph).
 */
import type { FakeResponse } from "./http";
import { newErrorId } from "./ids";

export interface ErrorCause {
  errorSummary: string;
}

/** A Management API error (E0000xxx). */
export class OktaApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly errorCauses: ErrorCause[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${errorCode}: ${errorSummary}`);
  }

  toResponse(): FakeResponse {
    return {
      status: this.status,
      headers: this.headers,
      body: {
        errorCode: this.errorCode,
        errorSummary: this.errorSummary,
        errorLink: this.errorCode,
        errorId: newErrorId(),
        errorCauses: this.errorCauses,
      },
    };
  }
}

/** An OAuth 2.0 error of the org authorization server (`/oauth2/v1/token`). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
  }

  toResponse(): FakeResponse {
    return {
      status: this.status,
      headers: { "cache-control": "no-store", pragma: "no-cache", ...this.headers },
      body: { error: this.error, error_description: this.description },
    };
  }
}

// --- Management API errors (summaries verbatim from Okta's error-code catalog) -------------------------------

export const E = {
  validation: (subject: string, causes: string[] = []) =>
    new OktaApiError(
      400,
      "E0000001",
      `Api validation failed: ${subject}`,
      causes.map((errorSummary) => ({ errorSummary })),
    ),
  malformedBody: () => new OktaApiError(400, "E0000003", "The request body was not well-formed."),
  accessDenied: (headers: Record<string, string> = {}) =>
    new OktaApiError(403, "E0000006", "You do not have permission to perform the requested action", [], headers),
  notFound: (what: string) => new OktaApiError(404, "E0000007", `Not found: ${what}`),
  userNotFound: (id: string) => new OktaApiError(404, "E0000007", `Not found: Resource not found: ${id} (User)`),
  pathNotFound: () => new OktaApiError(404, "E0000008", "The requested path was not found"),
  internal: () => new OktaApiError(500, "E0000009", "Internal Server Error"),
  invalidToken: (headers: Record<string, string> = {}) => new OktaApiError(401, "E0000011", "Invalid token provided", [], headers),
  alreadyActive: () => new OktaApiError(403, "E0000016", "Activation failed because the user is already active"),
  methodNotAllowed: () => new OktaApiError(405, "E0000022", "The endpoint does not support the provided HTTP method"),
  invalidSearch: () => new OktaApiError(400, "E0000031", "Invalid search criteria."),
  unlockForbidden: () => new OktaApiError(403, "E0000032", "Unlock is not allowed for this user."),
  searchAndFilter: () => new OktaApiError(400, "E0000033", "Bad request. Can't specify a search query and filter in the same request."),
  /** System Log: an operator/field combination it does not support (the summary names them). */
  unsupportedFilter: (summary: string) => new OktaApiError(400, "E0000031", summary),
  wrongStatus: () => new OktaApiError(403, "E0000038", "This operation is not allowed in the user's current status."),
  rateLimited: () => new OktaApiError(429, "E0000047", "API call exceeded rate limit due to too many requests."),
  /** System Log: a bad filter, field or parameter; Okta sends these without causes (its System Log API reference). */
  invalidLogQuery: (summary: string) => new OktaApiError(400, "E0000053", summary),
  stillActivating: () =>
    new OktaApiError(409, "E0000112", "Cannot update this user because they are still being activated. Please try again in a few minutes."),
};

// --- OAuth errors of the token endpoint (descriptions verbatim from oauth2-error-codes.json) ------------------

const invalidClient = (description: string) => new OAuthError(401, "invalid_client", description);

export const TOKEN = {
  missingGrantType: () => new OAuthError(400, "invalid_request", "The token request must specify a 'grant_type'. Valid values: [client_credentials]"),
  unsupportedGrantType: () =>
    new OAuthError(
      400,
      "unsupported_grant_type",
      "The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].",
    ),
  duplicateParams: () => new OAuthError(400, "invalid_request", "The request contained multiple parameters with the same name."),
  missingScopes: () => new OAuthError(400, "invalid_scope", "No scopes were requested."),
  invalidScope: () =>
    new OAuthError(400, "invalid_scope", "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner."),
  assertionTypeInvalid: () => new OAuthError(400, "invalid_request", "The client_assertion_type is invalid."),
  noCredentials: () => invalidClient("No client credentials found."),
  clientFailed: () => invalidClient("Client authentication failed. Either the client or the client credentials are invalid."),
  mustUsePrivateKeyJwt: () =>
    invalidClient("Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method."),
  invalidClientId: () => invalidClient("Invalid value for 'client_id' parameter."),
  assertionParse: () => invalidClient("The parsing of the client_assertion failed."),
  invalidIssuer: () => invalidClient("The issuer claim for client_assertion is not a valid client_id."),
  invalidSubject: () => invalidClient("The subject claim for client_assertion is not a valid client_id."),
  invalidAudience: () => invalidClient("The audience claim for client_assertion must be the endpoint invoked for the request."),
  expRequired: () => invalidClient("The client_assertion must contain the 'exp' claim as seconds since epoch."),
  expired: () => invalidClient("The client_assertion token is expired."),
  expTooFar: () => invalidClient("The client_assertion token has an expiration too far into the future."),
  issuedInFuture: () => invalidClient("The client_assertion token must be issued before the current time."),
  alreadyUsed: () => invalidClient("The client_assertion token has already been used."),
  badSignature: () => invalidClient("The client_assertion signature is invalid."),
  badKid: () => invalidClient("The client_assertion JWT kid is invalid."),
  badAlg: () => invalidClient("The client_assertion JWT signature algorithm is invalid."),
  badKeyUse: () =>
    invalidClient("The public key being used for client assertion has an invalid 'use' parameter. Valid values for the 'use' parameter are sig."),
  invalidJwks: () => invalidClient("The client JWKSet is invalid."),
  jwksUriError: () => invalidClient("Error retrieving the client JWKSet from jwks_uri."),
  jwksUriNoKey: () => invalidClient("The client JWKSet from jwks_uri must contain at least one key."),
  jwksUriAmbiguous: () => invalidClient("All keys in the client JWKSet from jwks_uri must have a unique kid."),
  useDpopNonce: (nonce: string) => new OAuthError(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.", { "dpop-nonce": nonce }),
  serverError: () =>
    new OAuthError(500, "server_error", "The authorization server encountered an unexpected condition that prevented it from fulfilling the request."),
};
