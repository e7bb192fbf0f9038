import type { User } from "../../../../shared/users";
import { toUser } from "./users";

/**
 * Sessions, stored by the hash of their token only (a leaked table starts no session). `cookie` sessions come from
 * a browser sign-in at the ACS, `bearer` sessions from an extension code exchange; the kinds never substitute for
 * each other, so a cookie token sent as a bearer token (or the other way round) is refused.
 */
export type SessionKind = "cookie" | "bearer";

/** What the assertion that started a session said about it: a LogoutRequest names the session by these. */
export type SamlSessionRef = { nameId: string; nameIdFormat: string | null; sessionIndex: string | null };

export function createSession(
  sql: SqlStorage,
  session: { tokenHash: string; userId: string; kind: SessionKind; nowMs: number; expiresAtMs: number; saml?: SamlSessionRef | undefined },
): void {
  sql.exec(
    "INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at, name_id, name_id_format, session_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    session.tokenHash,
    session.userId,
    session.kind,
    session.nowMs,
    session.expiresAtMs,
    session.saml?.nameId ?? null,
    session.saml?.nameIdFormat ?? null,
    session.saml?.sessionIndex ?? null,
  );
}

/** The live session for a token hash, with its (enabled) user; null when unknown, expired, of the other kind or disabled. */
export function getSession(sql: SqlStorage, tokenHash: string, nowMs: number, kind: SessionKind): { user: User; expiresAtMs: number } | null {
  const row = sql
    .exec(
      `SELECT s.expires_at AS session_expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.kind = ? AND s.expires_at > ? AND u.disabled = 0`,
      tokenHash,
      kind,
      nowMs,
    )
    .toArray()[0];
  return row ? { user: toUser(row), expiresAtMs: Number(row.session_expires_at) } : null;
}

export function endSession(sql: SqlStorage, tokenHash: string): void {
  sql.exec("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
}

/** Every session of one user, of both kinds: disabling someone must sign them out everywhere at once. */
export function endUserSessions(sql: SqlStorage, userId: string): void {
  sql.exec("DELETE FROM sessions WHERE user_id = ?", userId);
}

/**
 * Ends one session and says how the IdP knows it (SP-initiated single logout): null when the token had no session,
 * or a session with no NameID (started before SLO, or an extension's).
 */
export function endSessionForLogout(sql: SqlStorage, tokenHash: string): SamlSessionRef | null {
  const row = sql.exec("SELECT name_id, name_id_format, session_index FROM sessions WHERE token_hash = ?", tokenHash).toArray()[0];
  sql.exec("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
  if (!row || row.name_id === null) return null;
  return {
    nameId: String(row.name_id),
    nameIdFormat: row.name_id_format === null ? null : String(row.name_id_format),
    sessionIndex: row.session_index === null ? null : String(row.session_index),
  };
}

/**
 * IdP-initiated single logout (docs/saml-checks.md, "Single logout"): ends the sessions the IdP named, by NameID
 * (and its Format when both sides have one) and, when the LogoutRequest lists SessionIndex values, only the
 * sessions started by one of those. Returns how many ended (0 is a valid answer: the user had already left).
 */
export function endSamlSessions(sql: SqlStorage, ref: { nameId: string; nameIdFormat: string | null; sessionIndexes: readonly string[] }): number {
  const format = "(? IS NULL OR name_id_format IS NULL OR name_id_format = ?)";
  if (ref.sessionIndexes.length === 0) {
    return sql.exec(`DELETE FROM sessions WHERE name_id = ? AND ${format}`, ref.nameId, ref.nameIdFormat, ref.nameIdFormat).rowsWritten;
  }
  let ended = 0;
  for (const index of ref.sessionIndexes) {
    ended += sql.exec(
      `DELETE FROM sessions WHERE name_id = ? AND ${format} AND session_index = ?`,
      ref.nameId,
      ref.nameIdFormat,
      ref.nameIdFormat,
      index,
    ).rowsWritten;
  }
  return ended;
}
