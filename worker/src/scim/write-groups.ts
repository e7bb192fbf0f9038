import type { ScimGroupInput, ScimPatchOperation } from "../../../shared/scim";
import { diffSummaries } from "../org/audit-writer";
import {
  addMember,
  deleteScimGroup as deleteGroupRow,
  getScimGroup,
  groupNamed,
  insertScimGroup,
  memberIds,
  removeMember,
  type ScimGroupRecord,
  writeScimGroup,
} from "../storage/org-store/scim-groups";
import { firstUnknownUser } from "../storage/org-store/scim-users";
import { auditScim, groupSummary } from "./audit";
import { invalidValue, notFound, uniqueness } from "./failure";
import { applyGroupPatch, type GroupState } from "./patch-group";
import { applyGroupRoles } from "./roles";
import type { ScimWriteContext } from "./write-users";

/**
 * SCIM writes to groups, inside one Durable Object transaction each (see write-users.ts). Every change of
 * membership, or of a group's name, re-decides the roles of the users it touches (roles.ts).
 */

export function createScimGroup(sql: SqlStorage, input: ScimGroupInput, context: ScimWriteContext): ScimGroupRecord {
  if (groupNamed(sql, input.displayName)) throw uniqueness(`a group named ${input.displayName} exists`);
  const id = insertScimGroup(sql, input.displayName, input.externalId || null, context.nowMs);
  const members = new Set((input.members ?? []).map((member) => member.value));
  writeMembers(sql, id, new Set(), members, true, context);
  const created = getScimGroup(sql, id)!;
  auditScim(sql, { tokenId: context.tokenId, action: "scim_group_create", status: 201, changes: { after: groupSummary(created) } }, context.nowMs);
  return created;
}

/** `PUT /Groups/{id}`: name, external ID and the whole member list are replaced. */
export function replaceScimGroup(sql: SqlStorage, id: string, input: ScimGroupInput, context: ScimWriteContext): ScimGroupRecord {
  const before = existingGroup(sql, id);
  const next: GroupState = {
    displayName: input.displayName,
    externalId: input.externalId || null,
    memberIds: new Set((input.members ?? []).map((m) => m.value)),
  };
  return writeGroup(sql, before, next, "scim_group_replace", context);
}

/** `PATCH /Groups/{id}` (patch-group.ts). */
export function patchScimGroup(sql: SqlStorage, id: string, operations: readonly ScimPatchOperation[], context: ScimWriteContext): ScimGroupRecord {
  const before = existingGroup(sql, id);
  const state: GroupState = { displayName: before.displayName, externalId: before.externalId, memberIds: new Set(memberIds(sql, id)) };
  return writeGroup(sql, before, applyGroupPatch(state, operations), "scim_group_patch", context);
}

/** `DELETE /Groups/{id}`: its former members' roles are decided again without it. */
export function deleteScimGroup(sql: SqlStorage, id: string, context: ScimWriteContext): void {
  const before = existingGroup(sql, id);
  deleteGroupRow(sql, id);
  applyGroupRoles(
    sql,
    before.members.map((member) => member.id),
    context.policy,
    context.nowMs,
  );
  auditScim(sql, { tokenId: context.tokenId, action: "scim_group_delete", status: 204, changes: { before: groupSummary(before) } }, context.nowMs);
}

function existingGroup(sql: SqlStorage, id: string): ScimGroupRecord {
  const group = getScimGroup(sql, id);
  if (!group) throw notFound(`no group ${id}`);
  return group;
}

function writeGroup(sql: SqlStorage, before: ScimGroupRecord, next: GroupState, action: string, context: ScimWriteContext): ScimGroupRecord {
  if (groupNamed(sql, next.displayName, before.id)) throw uniqueness(`a group named ${next.displayName} exists`);
  writeScimGroup(sql, before.id, { displayName: next.displayName, externalId: next.externalId }, context.nowMs);
  const renamed = next.displayName !== before.displayName;
  writeMembers(sql, before.id, new Set(before.members.map((member) => member.id)), next.memberIds, renamed, context);
  const after = getScimGroup(sql, before.id)!;
  const changes = diffSummaries(groupSummary(before), groupSummary(after), ["groupId", "displayName"]);
  auditScim(sql, { tokenId: context.tokenId, action, status: 200, changes }, context.nowMs);
  return after;
}

/**
 * Moves the membership from `before` to `after` (every new member must be a user SCIM knows) and re-decides the
 * roles of those added or removed, or of every member when the name the mapping matches changed.
 */
function writeMembers(sql: SqlStorage, groupId: string, before: Set<string>, after: Set<string>, everyone: boolean, context: ScimWriteContext): void {
  const added = [...after].filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !after.has(id));
  const unknown = firstUnknownUser(sql, added);
  if (unknown) throw invalidValue(`no user ${unknown} to make a member`);
  for (const id of added) addMember(sql, groupId, id);
  for (const id of removed) removeMember(sql, groupId, id);
  applyGroupRoles(sql, everyone ? [...before, ...after] : [...added, ...removed], context.policy, context.nowMs);
}
