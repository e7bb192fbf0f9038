import type { ScimPatchOperation, ScimUserInput } from "../../../shared/scim";
import { diffSummaries } from "../org/audit-writer";
import { deleteUserExtensionCodes } from "../storage/org-store/extension-codes";
import { groupNamesOf } from "../storage/org-store/scim-groups";
import {
  findScimUserByEmail,
  getScimUser,
  insertScimUser,
  type ScimUserFields,
  type ScimUserRecord,
  setScimActive,
  setScimDeleted,
  setScimEmail,
  writeScimUserFields,
} from "../storage/org-store/scim-users";
import { endUserSessions } from "../storage/org-store/sessions";
import { auditScim, userSummary } from "./audit";
import { notFound, uniqueness } from "./failure";
import { applyUserPatch, type UserState } from "./patch-user";
import { applyGroupRoles, type RolePolicy } from "./roles";

/**
 * SCIM writes to users, as functions of the organization's SQL: each runs inside one Durable Object transaction
 * (OrgStore.scimWrite), so a refusal thrown half-way writes nothing, and the audit entry is written with the change.
 */

export type ScimWriteContext = { tokenId: string; nowMs: number; policy: RolePolicy };

function fieldsOf(input: ScimUserInput): ScimUserFields {
  return {
    externalId: input.externalId || null,
    givenName: input.name?.givenName || null,
    familyName: input.name?.familyName || null,
    formattedName: input.name?.formatted || null,
    displayName: input.displayName || null,
  };
}

/**
 * `POST /Users`. A userName already taken answers 409 `uniqueness` (a JIT user is found by Okta's
 * `userName eq` lookup first and never posted); a user SCIM deleted is brought back, same row and ID.
 */
export function createScimUser(sql: SqlStorage, input: ScimUserInput, context: ScimWriteContext): ScimUserRecord {
  const existing = findScimUserByEmail(sql, input.userName);
  if (existing && !existing.deleted) throw uniqueness(`userName ${input.userName} is already taken`);
  let id: string;
  if (existing) {
    id = existing.id;
    setScimDeleted(sql, id, null);
  } else {
    id = insertScimUser(sql, input.userName, context.policy.defaultRole, "jit", context.nowMs);
  }
  writeScimUserFields(sql, id, fieldsOf(input), context.nowMs);
  setScimActive(sql, id, input.active ?? true, context.nowMs);
  if (input.active === false) endEverything(sql, id);
  const created = getScimUser(sql, id)!;
  auditScim(sql, { tokenId: context.tokenId, action: "scim_user_create", status: 201, changes: { after: userSummary(created) } }, context.nowMs);
  return created;
}

/** `PUT /Users/{id}`: every attribute this worker keeps is replaced; an absent `active` stays as it is. */
export function replaceScimUser(sql: SqlStorage, id: string, input: ScimUserInput, context: ScimWriteContext): ScimUserRecord {
  const before = existingUser(sql, id);
  return writeUser(sql, before, { userName: input.userName, active: input.active ?? before.active, fields: fieldsOf(input) }, "scim_user_replace", context);
}

/** `PATCH /Users/{id}` (patch-user.ts). */
export function patchScimUser(sql: SqlStorage, id: string, operations: readonly ScimPatchOperation[], context: ScimWriteContext): ScimUserRecord {
  const before = existingUser(sql, id);
  return writeUser(sql, before, applyUserPatch(stateOf(before), operations), "scim_user_patch", context);
}

/**
 * `DELETE /Users/{id}`: the user is disabled and signed out everywhere, and SCIM answers 404 for them from then
 * on (RFC 7644 §3.6). The row stays, so audit entries keep naming someone, and a later POST of the same
 * userName brings it back.
 */
export function deleteScimUser(sql: SqlStorage, id: string, context: ScimWriteContext): void {
  const before = existingUser(sql, id);
  setScimActive(sql, id, false, context.nowMs);
  endEverything(sql, id);
  setScimDeleted(sql, id, context.nowMs);
  auditScim(sql, { tokenId: context.tokenId, action: "scim_user_delete", status: 204, changes: { before: userSummary(before) } }, context.nowMs);
}

function existingUser(sql: SqlStorage, id: string): ScimUserRecord {
  const user = getScimUser(sql, id);
  if (!user) throw notFound(`no user ${id}`);
  return user;
}

function stateOf(user: ScimUserRecord): UserState {
  const { externalId, givenName, familyName, formattedName, displayName } = user;
  return { userName: user.email, active: user.active, fields: { externalId, givenName, familyName, formattedName, displayName } };
}

function writeUser(sql: SqlStorage, before: ScimUserRecord, next: UserState, action: string, context: ScimWriteContext): ScimUserRecord {
  if (next.userName !== before.email) {
    const taken = findScimUserByEmail(sql, next.userName);
    if (taken) throw uniqueness(`userName ${next.userName} is already taken`);
    setScimEmail(sql, before.id, next.userName, context.nowMs);
  }
  writeScimUserFields(sql, before.id, next.fields, context.nowMs);
  setScimActive(sql, before.id, next.active, context.nowMs);
  // Deactivation signs the user out everywhere in the same transaction: no request sees them inactive with a session.
  if (!next.active) endEverything(sql, before.id);
  // Reactivation re-applies what the user's groups grant (the mapping may have changed while they were away).
  if (next.active && !before.active && groupNamesOf(sql, before.id).length > 0) applyGroupRoles(sql, [before.id], context.policy, context.nowMs);
  const after = getScimUser(sql, before.id)!;
  const changes = diffSummaries(userSummary(before), userSummary(after), ["userId", "userName"]);
  auditScim(sql, { tokenId: context.tokenId, action, status: 200, changes }, context.nowMs);
  return after;
}

/** Every session of both kinds, and every unredeemed extension code. */
function endEverything(sql: SqlStorage, id: string): void {
  endUserSessions(sql, id);
  deleteUserExtensionCodes(sql, id);
}
