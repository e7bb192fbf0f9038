import { nullableString, randomId } from "./rows";

/**
 * SCIM Groups pushed by the IdP (docs/scim.md): a display name (unique, case-insensitively) and members, who are
 * the organization's users. A group's display name is what the role mapping's rules match, as they match the
 * values of the SAML `groups` attribute.
 */

export type ScimGroupRecord = {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  members: Array<{ id: string; email: string }>;
};

export type ScimGroupFilter = { attribute: "displayName" | "externalId" | "id"; value: string } | null;

const COLUMN = { displayName: "display_name", externalId: "external_id", id: "id" } as const;

function members(sql: SqlStorage, groupId: string): ScimGroupRecord["members"] {
  return sql
    .exec("SELECT u.id, u.email FROM scim_group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ? ORDER BY u.email", groupId)
    .toArray()
    .map((row) => ({ id: String(row.id), email: String(row.email) }));
}

function toRecord(sql: SqlStorage, row: Record<string, SqlStorageValue>): ScimGroupRecord {
  return {
    id: String(row.id),
    displayName: String(row.display_name),
    externalId: nullableString(row.external_id),
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
    members: members(sql, String(row.id)),
  };
}

export function getScimGroup(sql: SqlStorage, id: string): ScimGroupRecord | null {
  const row = sql.exec("SELECT * FROM scim_groups WHERE id = ?", id).toArray()[0];
  return row ? toRecord(sql, row) : null;
}

/** The ID of the group with this display name (case-insensitive), other than `exceptId`, or null. */
export function groupNamed(sql: SqlStorage, displayName: string, exceptId = ""): string | null {
  const row = sql.exec("SELECT id FROM scim_groups WHERE display_name = ? AND id != ?", displayName, exceptId).toArray()[0];
  return row ? String(row.id) : null;
}

/** One page in creation order; a `displayName` filter matches case-insensitively (the column's collation). */
export function listScimGroups(sql: SqlStorage, filter: ScimGroupFilter, startIndex: number, count: number): { total: number; records: ScimGroupRecord[] } {
  const where = filter ? `WHERE ${COLUMN[filter.attribute]} = ?` : "";
  const value = filter ? [filter.value] : [];
  const total = Number(sql.exec(`SELECT COUNT(*) AS n FROM scim_groups ${where}`, ...value).one().n);
  const rows = sql.exec(`SELECT * FROM scim_groups ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, ...value, count, startIndex - 1).toArray();
  return { total, records: rows.map((row) => toRecord(sql, row)) };
}

export function insertScimGroup(sql: SqlStorage, displayName: string, externalId: string | null, nowMs: number): string {
  const id = `grp_${randomId()}`;
  sql.exec("INSERT INTO scim_groups (id, display_name, external_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", id, displayName, externalId, nowMs, nowMs);
  return id;
}

export function writeScimGroup(sql: SqlStorage, id: string, fields: { displayName: string; externalId: string | null }, nowMs: number): void {
  sql.exec("UPDATE scim_groups SET display_name = ?, external_id = ?, updated_at = ? WHERE id = ?", fields.displayName, fields.externalId, nowMs, id);
}

export function deleteScimGroup(sql: SqlStorage, id: string): void {
  sql.exec("DELETE FROM scim_group_members WHERE group_id = ?", id);
  sql.exec("DELETE FROM scim_groups WHERE id = ?", id);
}

export function memberIds(sql: SqlStorage, groupId: string): string[] {
  return sql
    .exec("SELECT user_id FROM scim_group_members WHERE group_id = ?", groupId)
    .toArray()
    .map((row) => String(row.user_id));
}

export function addMember(sql: SqlStorage, groupId: string, userId: string): void {
  sql.exec("INSERT OR IGNORE INTO scim_group_members (group_id, user_id) VALUES (?, ?)", groupId, userId);
}

export function removeMember(sql: SqlStorage, groupId: string, userId: string): void {
  sql.exec("DELETE FROM scim_group_members WHERE group_id = ? AND user_id = ?", groupId, userId);
}

/** The display names of every group the user is a member of: what the role mapping matches. */
export function groupNamesOf(sql: SqlStorage, userId: string): string[] {
  return sql
    .exec("SELECT g.display_name FROM scim_group_members m JOIN scim_groups g ON g.id = m.group_id WHERE m.user_id = ?", userId)
    .toArray()
    .map((row) => String(row.display_name));
}

/** Every user who is a member of at least one SCIM group. */
export function usersWithGroups(sql: SqlStorage): string[] {
  return sql
    .exec("SELECT DISTINCT user_id FROM scim_group_members")
    .toArray()
    .map((row) => String(row.user_id));
}

/** The role policy (mapping rules and default role, as JSON) that the stored SCIM roles were last computed with. */
export function lastRolePolicy(sql: SqlStorage): string | null {
  const row = sql.exec("SELECT value FROM meta WHERE key = 'scim_role_policy'").toArray()[0];
  return row ? String(row.value) : null;
}

export function rememberRolePolicy(sql: SqlStorage, policy: string): void {
  sql.exec("INSERT INTO meta (key, value) VALUES ('scim_role_policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", policy);
}
