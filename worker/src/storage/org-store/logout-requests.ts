import { boundPending } from "./pending-bound";

/**
 * Single logout's one-time IDs (docs/saml-checks.md, "Single logout"), each kept until it could no longer be used:
 * - the LogoutRequest IDs we sent, so exactly one LogoutResponse may answer each, once, before it expires (as
 *   authn-requests.ts does for AuthnRequests);
 * - the LogoutRequest IDs the IdP sent, so a captured request replayed within its validity is refused.
 */

/** Bounded like pending AuthnRequests: anyone signed in can log out, and each logout stores a row. */
export const MAX_PENDING_LOGOUT_REQUESTS = 5_000;

export function insertLogoutRequest(sql: SqlStorage, id: string, expiresAtMs: number, nowMs: number): void {
  sql.exec("DELETE FROM logout_requests WHERE expires_at <= ?", nowMs);
  sql.exec("INSERT INTO logout_requests (id, expires_at) VALUES (?, ?)", id, expiresAtMs);
  boundPending(sql, "logout_requests", id, MAX_PENDING_LOGOUT_REQUESTS);
}

/** True once for a LogoutRequest ID we issued and that has not expired (and deletes it); false otherwise. */
export function consumeLogoutRequest(sql: SqlStorage, id: string, nowMs: number): boolean {
  const row = sql.exec("SELECT expires_at FROM logout_requests WHERE id = ?", id).toArray()[0];
  if (!row || Number(row.expires_at) <= nowMs) return false;
  sql.exec("DELETE FROM logout_requests WHERE id = ?", id);
  return true;
}

/** True the first time the IdP's LogoutRequest ID is seen (and records it until `replayUntilMs`); false for a replay. */
export function recordIdpLogoutRequest(sql: SqlStorage, id: string, replayUntilMs: number, nowMs: number): boolean {
  sql.exec("DELETE FROM consumed_logout_requests WHERE expires_at <= ?", nowMs);
  if (sql.exec("SELECT 1 FROM consumed_logout_requests WHERE id = ?", id).toArray().length > 0) return false;
  sql.exec("INSERT INTO consumed_logout_requests (id, expires_at) VALUES (?, ?)", id, replayUntilMs);
  return true;
}
