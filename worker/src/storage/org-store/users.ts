import { type Role, roleAtLeast } from "../../../../shared/roles";
import type { ProvisionedBy, User } from "../../../../shared/users";
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
    provisionedBy: provisionedByOf(row),
  };
}

/** Rows from before `provisioned_by` existed were made by an admin (role_source `admin`) or by a sign-in. */
function provisionedByOf(row: Record<string, SqlStorageValue>): ProvisionedBy {
  const stored = row.provisioned_by;
  if (stored === "jit" || stored === "scim" || stored === "admin") return stored;
  return row.role_source === "admin" ? "admin" : "jit";
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

/** Inserts a user; who provisioned them defaults to what the role source says (an admin's pick, else a sign-in). */
export function insertUser(
  sql: SqlStorage,
  email: string,
  role: Role,
  source: User["roleSource"],
  nowMs: number,
  lastLoginMs: number | null,
  provisionedBy: ProvisionedBy = source === "admin" ? "admin" : "jit",
): User {
  const id = `usr_${randomId()}`;
  sql.exec(
    "INSERT INTO users (id, email, role, role_source, disabled, created_at, updated_at, last_login_at, provisioned_by) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)",
    id,
    email,
    role,
    source,
    nowMs,
    nowMs,
    lastLoginMs,
    provisionedBy,
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

/**
 * Records a sign-in of an existing user with the role it resolved to; returns the user as now stored. A role the
 * user's SCIM groups map to (docs/scim.md) counts as much as the assertion's: the higher of the two is kept, so a
 * sign-in whose assertion carries no groups does not undo what provisioning set. An admin's role is never touched.
 */
export function recordLogin(sql: SqlStorage, existing: User, resolvedRole: Role, resolvedSource: User["roleSource"], nowMs: number): User {
  let role = resolvedRole;
  let source = resolvedSource;
  const scimRole = scimRoleOf(sql, existing.id);
  if (source !== "admin" && scimRole && !roleAtLeast(role, scimRole)) {
    role = scimRole;
    source = "mapping";
  }
  sql.exec("UPDATE users SET role = ?, role_source = ?, last_login_at = ?, updated_at = ? WHERE id = ?", role, source, nowMs, nowMs, existing.id);
  return { ...existing, role, roleSource: source, lastLoginAt: iso(nowMs), updatedAt: iso(nowMs) };
}

/** The role the user's SCIM groups map to, as last computed when their groups changed (null: none). */
function scimRoleOf(sql: SqlStorage, userId: string): Role | null {
  const row = sql.exec("SELECT scim_role FROM users WHERE id = ?", userId).toArray()[0];
  return row && row.scim_role !== null ? (String(row.scim_role) as Role) : null;
}
