import { z } from "zod";

/**
 * Every failure the worker reports has one of these stable codes. Clients (the extension, automation, tests)
 * branch on the code, never on the message. The HTTP status of each code is fixed here, in one place.
 */
export const ERROR_STATUS = {
  // 400: the request itself is malformed
  invalid_request: 400,
  invalid_json: 400,
  metadata_invalid: 400,
  metadata_url_rejected: 400,
  /** A change of where a secret goes (Persona's base URL) without entering the secret again. */
  secret_reentry_required: 400,
  // 401 / 403: who is calling
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_rejected: 403,
  user_disabled: 403,
  // 404 / 409
  not_found: 404,
  org_not_found: 404,
  user_not_found: 404,
  route_not_found: 404,
  org_exists: 409,
  user_exists: 409,
  sso_not_configured: 409,
  /** Single logout is off for the organization (PATCH /api/orgs/{org}/sso {singleLogout}), or the IdP lists no endpoint for it. */
  slo_disabled: 409,
  /** `PATCH …/sso {acceptPending}` when no metadata change is waiting (docs/idp-metadata-refresh.md). */
  sso_change_not_pending: 409,
  // 413
  payload_too_large: 413,
  // upstream (metadata fetch)
  metadata_fetch_failed: 502,
  metadata_fetch_timeout: 504,
  // SAML: every rejection is a 4xx and starts no session
  saml_request_invalid: 400,
  saml_too_large: 413,
  saml_encoding_invalid: 400,
  saml_xml_invalid: 400,
  saml_doctype_forbidden: 400,
  saml_structure_invalid: 400,
  saml_encrypted_unsupported: 400,
  /** The org requires encrypted assertions and the Response carries a plain one (docs/saml-checks.md §3.1). */
  saml_encryption_required: 400,
  saml_encryption_algorithm_unsupported: 400,
  /** Any failure of the decryption itself, one code for all (no oracle): docs/saml-checks.md §3.1. */
  saml_decryption_failed: 400,
  saml_signature_missing: 401,
  saml_signature_invalid: 401,
  saml_algorithm_forbidden: 401,
  saml_status_not_success: 401,
  saml_destination_mismatch: 401,
  saml_issuer_mismatch: 401,
  saml_in_response_to_unknown: 401,
  saml_in_response_to_mismatch: 401,
  saml_unsolicited_disabled: 403,
  saml_not_yet_valid: 401,
  saml_expired: 401,
  saml_audience_mismatch: 401,
  saml_recipient_mismatch: 401,
  saml_subject_confirmation_invalid: 401,
  saml_authn_statement_missing: 401,
  saml_replayed: 401,
  saml_email_missing: 401,
  saml_email_ambiguous: 401,
  saml_email_invalid: 401,
  saml_relay_state_invalid: 400,
  // Extension sign-in (GET /{org}/login?extension=…, POST /api/extension/token)
  extension_not_registered: 400,
  extension_login_invalid: 400,
  extension_code_invalid: 400,
  // Okta action proxy. Okta's own refusals keep Okta's status (and carry errorCode, errorSummary, errorId and
  // X-Okta-Request-Id in details); our credential being refused by Okta's token endpoint is a failed dependency.
  okta_not_configured: 409,
  credential_ambiguous: 400,
  okta_bad_request: 400,
  okta_forbidden: 403,
  okta_not_found: 404,
  okta_conflict: 409,
  okta_token_rejected: 424,
  okta_rate_limited: 429,
  login_rate_limited: 429,
  okta_unavailable: 502,
  okta_timeout: 504,
  // Okta credentials (storage, key rotation)
  okta_org_url_invalid: 400,
  credential_not_found: 404,
  credential_limit_reached: 409,
  key_not_found: 404,
  key_rotation_in_progress: 409,
  key_limit_reached: 409,
  key_not_yet_published: 409,
  key_in_use: 409,
  key_still_in_grace: 409,
  // Persona (worker/src/persona): the organization's key being refused by Persona is a failed dependency (424);
  // Persona's refusals carry its `errors[].title` and status in details.
  persona_not_configured: 409,
  persona_base_url_invalid: 400,
  persona_rejected: 424,
  persona_rate_limited: 429,
  persona_request_failed: 502,
  persona_unavailable: 502,
  persona_timeout: 504,
  // encryption at rest (ENCRYPTION_KEYS): server configuration faults, never the caller's
  encryption_unavailable: 503,
  encryption_key_unknown: 500,
  decryption_failed: 500,
  // Persona webhooks
  webhook_not_configured: 409,
  webhook_signature_invalid: 401,
  webhook_timestamp_stale: 401,
  webhook_payload_invalid: 400,
  rule_not_found: 404,
  // Verified recovery (docs/verified-recovery.md): the verification given for a gated action does not allow it.
  // A verification of someone else, or from another template, is forbidden; one that is not (or no longer) usable
  // is a conflict with its state.
  verification_required: 403,
  verification_mismatch: 403,
  verification_not_configured: 409,
  verification_not_found: 404,
  verification_not_cancellable: 409,
  verification_pending: 409,
  verification_declined: 409,
  verification_expired: 409,
  verification_used: 409,
  // SCIM provisioning (docs/scim.md): the SCIM routes answer SCIM's own error body; this is the token console's.
  scim_token_limit_reached: 409,
  // our own fault: the only 5xx besides upstream failures and the encryption configuration above
  internal_error: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** The one JSON error body every route answers with. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    requestId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Raised anywhere in the worker; the single error handler turns it into status + {@link ErrorBody}. */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** True when a value is an {@link AppError} carrying `code` (handy in tests and branches). */
export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
