import type { User } from "../../../../shared/users";
import { secretsEqual } from "../../crypto/secrets-compare";
import type { PendingExtensionLogin } from "./authn-requests";
import { createSession } from "./sessions";
import { findEnabledUser } from "./users";

/**
 * One-time codes that end an extension's sign-in: the ACS issues one instead of a cookie session, and the
 * extension exchanges it (with its PKCE verifier) for a bearer session. Stored by hash only.
 */

export function issueExtensionCode(
  sql: SqlStorage,
  code: { codeHash: string; userId: string; login: PendingExtensionLogin; sessionExpiresAtMs: number; expiresAtMs: number },
): void {
  sql.exec(
    `INSERT INTO extension_codes (code_hash, user_id, extension_id, redirect_uri, code_challenge, session_expires_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    code.codeHash,
    code.userId,
    code.login.extensionId,
    code.login.redirectUri,
    code.login.codeChallenge,
    code.sessionExpiresAtMs,
    code.expiresAtMs,
  );
}

export type RedeemExtensionCodeInput = {
  codeHash: string;
  verifierChallenge: string;
  redirectUri: string;
  sessionTokenHash: string;
  nowMs: number;
};

export type RedeemExtensionCodeResult = { ok: true; user: User; expiresAtMs: number } | { ok: false; reason: string };

/**
 * Exchanges a code, once: it is deleted whatever the outcome, so a wrong verifier burns it and a stolen code cannot
 * be tried again. The PKCE challenge (compared in constant time, so timing does not leak it), the redirect URI and
 * the expiry must match, and the user must still be enabled; then a bearer session starts, with the expiry the
 * cookie session would have had. Call inside one transaction: the delete and the session must not come apart.
 */
export function redeemExtensionCode(sql: SqlStorage, input: RedeemExtensionCodeInput): RedeemExtensionCodeResult {
  const row = sql.exec("SELECT * FROM extension_codes WHERE code_hash = ?", input.codeHash).toArray()[0];
  if (!row) return { ok: false, reason: "unknown or already used" };
  sql.exec("DELETE FROM extension_codes WHERE code_hash = ?", input.codeHash);
  if (Number(row.expires_at) <= input.nowMs) return { ok: false, reason: "expired" };
  if (!secretsEqual(input.verifierChallenge, String(row.code_challenge))) return { ok: false, reason: "code_verifier mismatch" };
  if (input.redirectUri !== String(row.redirect_uri)) return { ok: false, reason: "redirect_uri mismatch" };
  const expiresAtMs = Number(row.session_expires_at);
  if (expiresAtMs <= input.nowMs) return { ok: false, reason: "session lifetime over" };
  const userId = String(row.user_id);
  const user = findEnabledUser(sql, userId);
  if (!user) return { ok: false, reason: "user disabled" };
  createSession(sql, { tokenHash: input.sessionTokenHash, userId, kind: "bearer", nowMs: input.nowMs, expiresAtMs });
  return { ok: true, user, expiresAtMs };
}

/** A disabled user's codes must not be redeemable either (redeeming re-checks too; this keeps none lying around). */
export function deleteUserExtensionCodes(sql: SqlStorage, userId: string): void {
  sql.exec("DELETE FROM extension_codes WHERE user_id = ?", userId);
}
