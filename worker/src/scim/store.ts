import type { ScimGroupInput, ScimPatchOperation, ScimUserInput } from "../../../shared/scim";
import { getScimGroup, listScimGroups, type ScimGroupFilter, type ScimGroupRecord } from "../storage/org-store/scim-groups";
import { getScimUser, listScimUsers, type ScimUserFilter, type ScimUserRecord } from "../storage/org-store/scim-users";
import { auditScim } from "./audit";
import { notFound, type ScimFailure, type ScimRefusal } from "./failure";
import { refreshRolesOnPolicyChange } from "./roles";
import { createScimGroup, deleteScimGroup, patchScimGroup, replaceScimGroup } from "./write-groups";
import { createScimUser, deleteScimUser, patchScimUser, replaceScimUser, type ScimWriteContext } from "./write-users";

/** One SCIM write, as the edge hands it to the organization's Durable Object (plain data over RPC). */
export type ScimWrite =
  | { kind: "createUser"; input: ScimUserInput }
  | { kind: "replaceUser"; id: string; input: ScimUserInput }
  | { kind: "patchUser"; id: string; operations: ScimPatchOperation[] }
  | { kind: "deleteUser"; id: string }
  | { kind: "createGroup"; input: ScimGroupInput }
  | { kind: "replaceGroup"; id: string; input: ScimGroupInput }
  | { kind: "patchGroup"; id: string; operations: ScimPatchOperation[] }
  | { kind: "deleteGroup"; id: string };

export type ScimWriteRequest = ScimWriteContext & { write: ScimWrite };

export type ScimRead =
  | { kind: "listUsers"; filter: ScimUserFilter; startIndex: number; count: number }
  | { kind: "getUser"; id: string }
  | { kind: "listGroups"; filter: ScimGroupFilter; startIndex: number; count: number }
  | { kind: "getGroup"; id: string };

export type ScimResource = { type: "user"; record: ScimUserRecord } | { type: "group"; record: ScimGroupRecord } | null;
export type ScimList = { type: "users"; total: number; records: ScimUserRecord[] } | { type: "groups"; total: number; records: ScimGroupRecord[] };

export type ScimWriteResult = { ok: true; resource: ScimResource } | ScimRefusal;
export type ScimReadResult = { ok: true; resource: Exclude<ScimResource, null> } | { ok: true; list: ScimList } | ScimRefusal;

/** Must run inside one `transactionSync` (OrgStore.scimWrite): a refusal throws, and the transaction rolls back. */
export function runScimWrite(sql: SqlStorage, request: ScimWriteRequest): ScimResource {
  refreshRolesOnPolicyChange(sql, request.policy, request.nowMs);
  const { write } = request;
  switch (write.kind) {
    case "createUser":
      return { type: "user", record: createScimUser(sql, write.input, request) };
    case "replaceUser":
      return { type: "user", record: replaceScimUser(sql, write.id, write.input, request) };
    case "patchUser":
      return { type: "user", record: patchScimUser(sql, write.id, write.operations, request) };
    case "deleteUser":
      deleteScimUser(sql, write.id, request);
      return null;
    case "createGroup":
      return { type: "group", record: createScimGroup(sql, write.input, request) };
    case "replaceGroup":
      return { type: "group", record: replaceScimGroup(sql, write.id, write.input, request) };
    case "patchGroup":
      return { type: "group", record: patchScimGroup(sql, write.id, write.operations, request) };
    case "deleteGroup":
      deleteScimGroup(sql, write.id, request);
      return null;
  }
}

/** A refused write is audited too (after the rollback), with the status it answers. */
export function auditRefusal(sql: SqlStorage, request: ScimWriteRequest, failure: ScimFailure): void {
  const action = `scim_${request.write.kind.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
  auditScim(sql, { tokenId: request.tokenId, action, status: failure.status, result: "refused", errorCode: failure.scimType ?? "notFound" }, request.nowMs);
}

export function runScimRead(sql: SqlStorage, read: ScimRead): ScimReadResult {
  switch (read.kind) {
    case "listUsers":
      return { ok: true, list: { type: "users", ...listScimUsers(sql, read.filter, read.startIndex, read.count) } };
    case "listGroups":
      return { ok: true, list: { type: "groups", ...listScimGroups(sql, read.filter, read.startIndex, read.count) } };
    case "getUser": {
      const record = getScimUser(sql, read.id);
      return record ? { ok: true, resource: { type: "user", record } } : notFound(`no user ${read.id}`).toRefusal();
    }
    case "getGroup": {
      const record = getScimGroup(sql, read.id);
      return record ? { ok: true, resource: { type: "group", record } } : notFound(`no group ${read.id}`).toRefusal();
    }
  }
}
