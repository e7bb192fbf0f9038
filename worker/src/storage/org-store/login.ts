import type { Role } from "../../../../shared/roles";
import type { User } from "../../../../shared/users";
import { consumeAuthnRequest } from "./authn-requests";
import { recordAssertion } from "./consumed-assertions";
import { issueExtensionCode } from "./extension-codes";
import { createSession, type SamlSessionRef } from "./sessions";
import { findUserByEmail, insertUser, recordLogin } from "./users";

/**
 * The stateful end of the ACS. Every step lives in its own module; this one only calls them in order, because the
 * order is the security property: the InResponseTo is checked (and used up) before the replay cache, and nothing
 * about the user is written before both pass.
 */

export type CompleteLoginInput = {
  nowMs: number;
  assertionId: string;
  replayUntilMs: number;
  inResponseTo: string | undefined;
  email: string;
  defaultRole: Role;
  mappingConfigured: boolean;
  mappedRole: Role | undefined;
  sessionTokenHash: string;
  sessionExpiresAtMs: number;
  /** Used only when the request was started by an extension: the hash of the one-time code to issue. */
  extensionCodeHash: string;
  extensionCodeTtlMs: number;
  /** The assertion's NameID and SessionIndex, kept with a cookie session for single logout. */
  saml?: SamlSessionRef | undefined;
};

export type LoginRefusalCode = "saml_in_response_to_unknown" | "saml_replayed" | "user_disabled";

export type CompleteLoginResult =
  | { ok: true; user: User; extension: { extensionId: string; redirectUri: string } | null }
  | { ok: false; code: LoginRefusalCode };

/**
 * Thrown (never returned) by {@link completeLoginSteps} so that the surrounding `transactionSync` rolls back every
 * write made before the refusal; the caller catches it outside the transaction and turns it into `{ ok: false }`.
 */
export class LoginRefused extends Error {
  constructor(readonly code: LoginRefusalCode) {
    super(code);
  }
}

/**
 * Must run inside one `transactionSync` (see OrgStore.completeLogin): a rejected response must write nothing, and
 * a response must not be able to use up its request, or its assertion ID, without its session (or code) existing.
 */
export function completeLoginSteps(sql: SqlStorage, input: CompleteLoginInput): CompleteLoginResult {
  let extension = null;
  if (input.inResponseTo !== undefined) {
    const request = consumeAuthnRequest(sql, input.inResponseTo, input.nowMs);
    if (!request) throw new LoginRefused("saml_in_response_to_unknown");
    extension = request.extension;
  }
  if (!recordAssertion(sql, input.assertionId, input.replayUntilMs)) throw new LoginRefused("saml_replayed");

  const user = provisionOnLogin(sql, input);
  // An IdP-initiated response (no InResponseTo) has no extension login, so it can never produce a code.
  if (extension) {
    issueExtensionCode(sql, {
      codeHash: input.extensionCodeHash,
      userId: user.id,
      login: extension,
      sessionExpiresAtMs: input.sessionExpiresAtMs,
      expiresAtMs: input.nowMs + input.extensionCodeTtlMs,
    });
    return { ok: true, user, extension: { extensionId: extension.extensionId, redirectUri: extension.redirectUri } };
  }
  createSession(sql, {
    tokenHash: input.sessionTokenHash,
    userId: user.id,
    kind: "cookie",
    nowMs: input.nowMs,
    expiresAtMs: input.sessionExpiresAtMs,
    saml: input.saml,
  });
  return { ok: true, user, extension: null };
}

/** Just-in-time provisioning: creates the user at first sign-in, or updates their role and last sign-in. */
function provisionOnLogin(sql: SqlStorage, input: CompleteLoginInput): User {
  const existing = findUserByEmail(sql, input.email);
  if (!existing) {
    const source = input.mappedRole ? "mapping" : "jit";
    return insertUser(sql, input.email, input.mappedRole ?? input.defaultRole, source, input.nowMs, input.nowMs);
  }
  if (existing.disabled) throw new LoginRefused("user_disabled");
  let role = existing.role;
  let source = existing.roleSource;
  // An admin's choice is kept; otherwise a configured mapping decides at every sign-in (so removing someone
  // from the Okta group takes effect at their next sign-in), falling back to the default role.
  if (existing.roleSource !== "admin" && input.mappingConfigured) {
    role = input.mappedRole ?? input.defaultRole;
    source = input.mappedRole ? "mapping" : "jit";
  }
  return recordLogin(sql, existing, role, source, input.nowMs);
}
