import type { Role } from "../../../../shared/roles";
import type { User } from "../../../../shared/users";
import { iso, randomId } from "./rows";

/** The organization's users (the people who sign in to the companion), one row per email. */

export function toUser(row: Record<string, SqlStorageValue>): User {
  return {
    id: String(row.id),
    email: String(row.email),
    role: String(row.role) as Role,
    roleSource: String(row.role_source) as User["roleSource"],
    disabled: Number(row.disabled) === 1,
    createdAt: iso(Number(row.created_at)),
    updatedAt: iso(Number(row.updated_at)),
    lastLoginAt: row.last_login_at === null ? null : iso(Number(row.last_login_at)),
  };
}

export function listUsers(sql: SqlStorage): User[] {
  return sql.exec("SELECT * FROM users ORDER BY email").toArray().map(toUser);
}

export function findUserByEmail(sql: SqlStorage, email: string): User | null {
  const row = sql.exec("SELECT * FROM users WHERE email = ?", email).toArray()[0];
  return row ? toUser(row) : null;
}

/** The user if they exist and are not disabled: what every path that starts a session must re-check. */
export function findEnabledUser(sql: SqlStorage, id: string): User | null {
  const row = sql.exec("SELECT * FROM users WHERE id = ? AND disabled = 0", id).toArray()[0];
  return row ? toUser(row) : null;
}

export function insertUser(sql: SqlStorage, email: string, role: Role, source: User["roleSource"], nowMs: number, lastLoginMs: number | null): User {
  const id = `usr_${randomId()}`;
  sql.exec(
    "INSERT INTO users (id, email, role, role_source, disabled, created_at, updated_at, last_login_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
    id,
    email,
    role,
    source,
    nowMs,
    nowMs,
    lastLoginMs,
  );
  return toUser(sql.exec("SELECT * FROM users WHERE id = ?", id).toArray()[0]!);
}

/** Pre-provisions a user with a role an admin chose (kept across sign-ins). */
export function createUser(sql: SqlStorage, email: string, role: Role, nowMs: number): { ok: true; user: User } | { ok: false; code: "user_exists" } {
  if (findUserByEmail(sql, email)) return { ok: false, code: "user_exists" };
  return { ok: true, user: insertUser(sql, email, role, "admin", nowMs, null) };
}

/**
 * Applies an admin's change to the user row only (a role set this way becomes admin-set, so sign-ins keep it);
 * ending a disabled user's sessions and codes is the caller's part, in the same transaction.
 */
/** Applies an admin's change to a user; answers the user before and after it (the audit records both). */
export function updateUserRow(sql: SqlStorage, id: string, patch: { role?: Role; disabled?: boolean }, nowMs: number): { before: User; after: User } | null {
  const current = sql.exec("SELECT * FROM users WHERE id = ?", id).toArray()[0];
  if (!current) return null;
  const before = toUser(current);
  if (patch.role !== undefined) {
    sql.exec("UPDATE users SET role = ?, role_source = 'admin', updated_at = ? WHERE id = ?", patch.role, nowMs, id);
  }
  if (patch.disabled !== undefined) {
    sql.exec("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", patch.disabled ? 1 : 0, nowMs, id);
  }
  return { before, after: toUser(sql.exec("SELECT * FROM users WHERE id = ?", id).toArray()[0]!) };
}

/** Records a sign-in of an existing user with the role it resolved to; returns the user as now stored. */
export function recordLogin(sql: SqlStorage, existing: User, role: Role, source: User["roleSource"], nowMs: number): User {
  sql.exec("UPDATE users SET role = ?, role_source = ?, last_login_at = ?, updated_at = ? WHERE id = ?", role, source, nowMs, nowMs, existing.id);
  return { ...existing, role, roleSource: source, lastLoginAt: iso(nowMs), updatedAt: iso(nowMs) };
}
