import { AppError, type ErrorCode } from "../../../shared/errors";
import { OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { type OktaResponse, oktaErrorDetails } from "./okta-request";

const BY_STATUS: Record<number, ErrorCode> = {
  400: "okta_bad_request",
  401: "okta_token_rejected",
  403: "okta_forbidden",
  404: "okta_not_found",
  409: "okta_conflict",
};

/**
 * Okta's refusals keep their meaning and status: an invalid lifecycle transition is Okta's 400/403, an unknown
 * user its 404 `E0000007`. The worker does not pre-judge transitions; Okta decides and we relay what it said,
 * plus the fix when the cause is a missing admin-role permission.
 */
export function throwIfOktaError(response: OktaResponse, action: OktaAction): void {
  if (response.status >= 200 && response.status < 300) return;
  if (response.status >= 300 && response.status < 400) {
    throw new AppError("okta_unavailable", `Okta answered a redirect (${response.status}); the org URL may be wrong`, {
      oktaStatus: response.status,
      oktaRequestId: response.requestId,
    });
  }
  const details: Record<string, unknown> = { oktaStatus: response.status, ...oktaErrorDetails(response.body, response.requestId) };
  if (response.status === 403 && details.errorCode === "E0000006") {
    details.remedy = `Grant the API Services app the scope ${OKTA_ACTIONS[action].scope} and an admin role with: ${OKTA_ACTIONS[action].permission}`;
  }
  const code = BY_STATUS[response.status] ?? "okta_bad_request";
  const summary = typeof details.errorSummary === "string" ? details.errorSummary : `Okta answered ${response.status}`;
  throw new AppError(code, summary, details);
}
