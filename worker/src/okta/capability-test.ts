import type { CapabilityFindings, CapabilityOperation } from "../../../shared/capability";
import { isAppError } from "../../../shared/errors";
import { OKTA_ACTIONS, OKTA_SCOPES, type OktaAction } from "../../../shared/okta-actions";
import { callOkta, type OktaConnection } from "./call-okta";
import type { OktaAmbient } from "./upstream";

/** A user ID that cannot exist (Okta IDs are `00u` + 17 alphanumerics): write probes then change nothing. */
const PROBE_USER = "00u0000000000000000p";

type Probe = { action: OktaAction; params?: Record<string, string>; query?: URLSearchParams; body?: unknown };

/**
 * One harmless request per scope/permission family. Reads list one item; writes target a user that cannot exist,
 * so Okta answers 404 `E0000007` once authorisation has passed, and 403 `E0000006` when the app lacks the scope or
 * admin-role permission — the write itself never happens.
 */
const PROBES: Probe[] = [
  { action: "search", query: new URLSearchParams({ limit: "1" }) },
  { action: "list_authenticators" },
  { action: "suspend", params: { userId: PROBE_USER } },
  { action: "unsuspend", params: { userId: PROBE_USER } },
  { action: "unlock", params: { userId: PROBE_USER } },
  { action: "reset_factors", params: { userId: PROBE_USER } },
  { action: "activate", params: { userId: PROBE_USER }, query: new URLSearchParams({ sendEmail: "false" }) },
  { action: "deactivate", params: { userId: PROBE_USER } },
  { action: "reactivate", params: { userId: PROBE_USER }, query: new URLSearchParams({ sendEmail: "false" }) },
  { action: "update", params: { userId: PROBE_USER }, body: { profile: {} } },
  { action: "temporary_access_code", params: { userId: PROBE_USER }, body: { authenticatorId: "aut00000000000000000", profile: {} } },
  { action: "clear_sessions", params: { userId: PROBE_USER }, query: new URLSearchParams({ oauthTokens: "false" }) },
  { action: "read_logs", query: new URLSearchParams({ limit: "1" }) },
];

/**
 * What a credential can do, beyond pass/fail: for each scope whether Okta grants it (a token request for that
 * scope alone), whether DPoP is required, and for each operation whether it is usable, with Okta's own error text
 * and the fix to apply in Okta Admin (the scope to grant, the admin-role permission the operation needs).
 */
export async function testCapabilities(connection: OktaConnection, ambient: OktaAmbient, oauth: boolean): Promise<CapabilityFindings> {
  const scopes: CapabilityFindings["scopes"] = {};
  let dpopRequired = false;
  const operations: CapabilityOperation[] = [];
  for (const probe of PROBES) {
    const spec = OKTA_ACTIONS[probe.action];
    let usable = false;
    let reason: string;
    let okta: Record<string, unknown> | null = null;
    // Any answer from the Management API means a token for the scope was minted, i.e. the scope is granted.
    let tokenMinted = true;
    try {
      await callOkta(connection, probe.action, probe, ambient);
      usable = true;
      reason = "ok";
    } catch (error) {
      if (!isAppError(error)) throw error;
      okta = error.details ?? null;
      if (typeof error.details?.dpopRequired === "boolean") dpopRequired ||= error.details.dpopRequired;
      tokenMinted = error.code !== "okta_token_rejected" && error.code !== "okta_unavailable" && error.code !== "okta_timeout";
      if (error.code === "okta_not_found" || (error.code === "okta_bad_request" && probe.action !== "search" && probe.action !== "read_logs")) {
        // Authorisation passed; Okta refused only the impossible target or body.
        usable = true;
        reason = "ok";
      } else if (error.code === "okta_token_rejected" && error.details?.oauthError === "invalid_scope") {
        reason = `scope ${spec.scope} is not granted`;
        scopes[spec.scope] = { granted: false, error: String(error.details.oauthErrorDescription ?? "invalid_scope") };
      } else if (error.code === "okta_forbidden") {
        reason = "the app's admin role lacks the permission";
      } else {
        reason = error.message;
      }
    }
    if (tokenMinted && oauth) scopes[spec.scope] ??= { granted: true, error: null };
    operations.push({
      action: probe.action,
      usable,
      reason,
      scope: spec.scope,
      permission: spec.permission,
      oktaErrorCode: typeof okta?.errorCode === "string" ? okta.errorCode : typeof okta?.oauthError === "string" ? okta.oauthError : null,
      oktaErrorSummary:
        typeof okta?.errorSummary === "string" ? okta.errorSummary : typeof okta?.oauthErrorDescription === "string" ? okta.oauthErrorDescription : null,
      remedy: usable ? null : `In Okta Admin: grant ${spec.scope} on the app's Okta API Scopes tab; give its admin role "${spec.permission}".`,
    });
  }
  const missingScopes = oauth ? OKTA_SCOPES.filter((scope) => scopes[scope]?.granted !== true) : [];
  return {
    ok: operations.every((operation) => operation.usable) && missingScopes.length === 0,
    missingScopes,
    scopes,
    dpopRequired: dpopRequired || (connection.dpop?.required ?? false),
    operations,
  };
}
