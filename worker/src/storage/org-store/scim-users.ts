import type { Role } from "../../../../shared/roles";
import type { User } from "../../../../shared/users";
import { nullableString } from "./rows";
import { insertUser } from "./users";

/**
 * The SCIM view of the organization's users (docs/scim.md): the same rows SAML JIT writes, keyed by email, with
 * the attributes Okta pushes beside them. `active` is the inverse of `disabled`, so an admin's disabling and
 * Okta's deactivation are one flag.
 */

export type ScimUserFields = {
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  formattedName: string | null;
  displayName: string | null;
};

export type ScimUserRecord = ScimUserFields & {
  id: string;
  email: string;
  active: boolean;
  role: Role;
  roleSource: User["roleSource"];
  createdAtMs: number;
  updatedAtMs: number;
};

/** What a list may be filtered by (worker/src/scim/filter.ts parses the `filter` parameter into this). */
export type ScimUserFilter = { attribute: "userName" | "externalId" | "id"; value: string } | null;

const COLUMN = { userName: "email", externalId: "external_id", id: "id" } as const;

function toRecord(row: Record<string, SqlStorageValue>): ScimUserRecord {
  return {
    id: String(row.id),
    email: String(row.email),
    active: Number(row.disabled) !== 1,
    role: String(row.role) as Role,
    roleSource: String(row.role_source) as User["roleSource"],
    externalId: nullableString(row.external_id),
    givenName: nullableString(row.given_name),
    familyName: nullableString(row.family_name),
    formattedName: nullableString(row.formatted_name),
    displayName: nullableString(row.display_name),
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
  };
}

/** The user as SCIM sees them: null when unknown or deleted by SCIM. */
export function getScimUser(sql: SqlStorage, id: string): ScimUserRecord | null {
  const row = sql.exec("SELECT * FROM users WHERE id = ? AND scim_deleted_at IS NULL", id).toArray()[0];
  return row ? toRecord(row) : null;
}

/**
 * The user with this email, deleted by SCIM or not (`deleted` says which): a userName is taken by any row.
 * `email` must already be lower-cased (EmailSchema does it): userName matching is case-insensitive.
 */
export function findScimUserByEmail(sql: SqlStorage, email: string): (ScimUserRecord & { deleted: boolean }) | null {
  const row = sql.exec("SELECT * FROM users WHERE email = ?", email).toArray()[0];
  return row ? { ...toRecord(row), deleted: row.scim_deleted_at !== null } : null;
}

export function setScimEmail(sql: SqlStorage, id: string, email: string, nowMs: number): void {
  sql.exec("UPDATE users SET email = ?, updated_at = ? WHERE id = ?", email, nowMs, id);
}

/** Deleted by SCIM (null: brought back by a later create of the same userName). */
export function setScimDeleted(sql: SqlStorage, id: string, deletedAtMs: number | null): void {
  sql.exec("UPDATE users SET scim_deleted_at = ? WHERE id = ?", deletedAtMs, id);
}

/** One page, in a stable order (creation, then ID); `startIndex` is 1-based. */
export function listScimUsers(sql: SqlStorage, filter: ScimUserFilter, startIndex: number, count: number): { total: number; records: ScimUserRecord[] } {
  const where = `WHERE scim_deleted_at IS NULL${filter ? ` AND ${COLUMN[filter.attribute]} = ?` : ""}`;
  const value = filter ? [filter.attribute === "userName" ? filter.value.toLowerCase() : filter.value] : [];
  const total = Number(sql.exec(`SELECT COUNT(*) AS n FROM users ${where}`, ...value).one().n);
  const rows = sql.exec(`SELECT * FROM users ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, ...value, count, startIndex - 1).toArray();
  return { total, records: rows.map(toRecord) };
}

/** A user that SCIM provisions first: `provisionedBy` is `scim`; a later SAML sign-in finds them by email. */
export function insertScimUser(sql: SqlStorage, email: string, role: Role, roleSource: User["roleSource"], nowMs: number): string {
  return insertUser(sql, email, role, roleSource, nowMs, null, "scim").id;
}

export function writeScimUserFields(sql: SqlStorage, id: string, fields: ScimUserFields, nowMs: number): void {
  sql.exec(
    "UPDATE users SET external_id = ?, given_name = ?, family_name = ?, formatted_name = ?, display_name = ?, updated_at = ? WHERE id = ?",
    fields.externalId,
    fields.givenName,
    fields.familyName,
    fields.formattedName,
    fields.displayName,
    nowMs,
    id,
  );
}

/** Sets `disabled` from SCIM `active`; ending the sessions of a deactivated user is the caller's part, in the same transaction. */
export function setScimActive(sql: SqlStorage, id: string, active: boolean, nowMs: number): void {
  sql.exec("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", active ? 0 : 1, nowMs, id);
}

/** The role the user's SCIM groups map to (kept for sign-ins, users.ts), and the role they hold now. */
export function setScimRole(sql: SqlStorage, id: string, scimRole: Role | null, role: { role: Role; source: User["roleSource"] } | null, nowMs: number): void {
  sql.exec("UPDATE users SET scim_role = ?, updated_at = ? WHERE id = ?", scimRole, nowMs, id);
  if (role) sql.exec("UPDATE users SET role = ?, role_source = ? WHERE id = ?", role.role, role.source, id);
}

/** The first of these user IDs that SCIM does not know (a Group may only name the organization's users), or null. */
export function firstUnknownUser(sql: SqlStorage, ids: Iterable<string>): string | null {
  for (const id of ids) if (sql.exec("SELECT 1 FROM users WHERE id = ? AND scim_deleted_at IS NULL", id).toArray().length === 0) return id;
  return null;
}
