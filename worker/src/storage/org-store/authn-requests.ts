import { boundPending } from "./pending-bound";

/**
 * AuthnRequest IDs this organization issued and no response has answered yet (docs/saml-checks.md §7: a response must be
 * InResponseTo one of them, once, before it expires). When an extension started the sign-in, what it asked for
 * (its ID, redirect URI and PKCE challenge) is kept beside the request ID, for the same TTL, until the IdP answers.
 */

/** An extension login waiting for the IdP's answer (kept with its AuthnRequest ID, for the same TTL). */
export type PendingExtensionLogin = { extensionId: string; redirectUri: string; codeChallenge: string };

/**
 * Pending requests kept per organization. Anyone can start a sign-in, so the table is bounded whatever the rate
 * limit in front of it lets through: beyond this, the requests closest to expiry make room (an SP-initiated sign-in
 * that old is unlikely to be answered anyway). Far above what real admins start within a TTL.
 */
export const MAX_PENDING_AUTHN_REQUESTS = 5_000;

/** Both rows, or neither: call inside one transaction. */
export function insertAuthnRequest(sql: SqlStorage, id: string, expiresAtMs: number, extension: PendingExtensionLogin | undefined): void {
  sql.exec("INSERT INTO authn_requests (id, expires_at) VALUES (?, ?)", id, expiresAtMs);
  if (boundPending(sql, "authn_requests", id, MAX_PENDING_AUTHN_REQUESTS)) {
    sql.exec("DELETE FROM extension_logins WHERE request_id NOT IN (SELECT id FROM authn_requests)");
  }
  if (extension) {
    sql.exec(
      "INSERT INTO extension_logins (request_id, extension_id, redirect_uri, code_challenge, expires_at) VALUES (?, ?, ?, ?, ?)",
      id,
      extension.extensionId,
      extension.redirectUri,
      extension.codeChallenge,
      expiresAtMs,
    );
  }
}

/**
 * Uses up a pending request: null when it is unknown, already answered or expired (the response must then be
 * refused). Otherwise deletes it, so a second response to the same request is refused, and returns the extension
 * login it carried, if any.
 */
export function consumeAuthnRequest(sql: SqlStorage, id: string, nowMs: number): { extension: PendingExtensionLogin | null } | null {
  const request = sql.exec("SELECT expires_at FROM authn_requests WHERE id = ?", id).toArray()[0];
  if (!request || Number(request.expires_at) <= nowMs) return null;
  sql.exec("DELETE FROM authn_requests WHERE id = ?", id);
  const login = sql.exec("SELECT * FROM extension_logins WHERE request_id = ?", id).toArray()[0];
  sql.exec("DELETE FROM extension_logins WHERE request_id = ?", id);
  if (!login) return { extension: null };
  return {
    extension: { extensionId: String(login.extension_id), redirectUri: String(login.redirect_uri), codeChallenge: String(login.code_challenge) },
  };
}
