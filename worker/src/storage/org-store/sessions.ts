import type { User } from "../../../../shared/users";
import { toUser } from "./users";

/**
 * Sessions, stored by the hash of their token only (a leaked table starts no session). `cookie` sessions come from
 * a browser sign-in at the ACS, `bearer` sessions from an extension code exchange; the kinds never substitute for
 * each other, so a cookie token sent as a bearer token (or the other way round) is refused.
 */
export type SessionKind = "cookie" | "bearer";

export function createSession(sql: SqlStorage, session: { tokenHash: string; userId: string; kind: SessionKind; nowMs: number; expiresAtMs: number }): void {
  sql.exec(
    "INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    session.tokenHash,
    session.userId,
    session.kind,
    session.nowMs,
    session.expiresAtMs,
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
