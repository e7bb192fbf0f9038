import { SCIM_MAX_MEMBERS, type ScimPatchOperation } from "../../../shared/scim";
import { invalidPath, invalidValue, ScimFailure } from "./failure";
import { objectValue, textValue } from "./values";

/** What a SCIM write may change about a group: its names and its members (user IDs). */
export type GroupState = { displayName: string; externalId: string | null; memberIds: Set<string> };

/** `members[value eq "<id>"]`: the filter form of a member removal. */
const MEMBER_FILTER = /^members\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]$/i;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a group, in order. Forms Okta sends: `add` of `members` with a
 * value list; `remove` by `members[value eq "<id>"]` or by `members` with a value list; `replace` of `members`
 * with the whole list (replace-all); `replace` with no path and a value object (`displayName`, `members`); and
 * `replace` of `displayName`. `remove` of `members` with neither filter nor value removes every member.
 */
export function applyGroupPatch(state: GroupState, operations: readonly ScimPatchOperation[]): GroupState {
  const next: GroupState = { ...state, memberIds: new Set(state.memberIds) };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === "remove") throw new ScimFailure(400, "noTarget", "remove needs a path");
      for (const [key, value] of Object.entries(objectValue(operation.value, "value"))) apply(next, operation.op, key, value);
    } else {
      apply(next, operation.op, operation.path, operation.value);
    }
  }
  if (next.memberIds.size > SCIM_MAX_MEMBERS * 10) throw new ScimFailure(400, "tooMany", "the group has too many members");
  return next;
}

function apply(state: GroupState, op: ScimPatchOperation["op"], path: string, value: unknown): void {
  const filtered = MEMBER_FILTER.exec(path.trim());
  if (filtered) {
    if (op !== "remove") throw invalidPath("a members filter is supported for remove only");
    state.memberIds.delete(String(JSON.parse(filtered[1]!)));
    return;
  }
  switch (path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:Group:/i, "").toLowerCase()) {
    case "members": {
      const ids = value === undefined && op === "remove" ? [...state.memberIds] : memberValues(value);
      if (op === "replace") state.memberIds.clear();
      for (const id of ids) op === "remove" ? state.memberIds.delete(id) : state.memberIds.add(id);
      return;
    }
    case "displayname": {
      if (op === "remove") throw invalidValue("displayName cannot be removed");
      const name = textValue(value, "displayName", 256)?.trim();
      if (!name) throw invalidValue("displayName must be a non-empty string");
      state.displayName = name;
      return;
    }
    case "externalid":
      state.externalId = op === "remove" ? null : textValue(value, "externalId", 200);
      return;
    case "id":
      // Okta's no-path replace repeats the group's ID beside its display name: nothing to change.
      return;
    default:
      throw invalidPath(`${path} is not a Group attribute this server supports`);
  }
}

/** A members value: a list of `{ value: "<user id>" }` (a single object is taken as a list of one). */
function memberValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length > SCIM_MAX_MEMBERS) throw new ScimFailure(400, "tooMany", `at most ${SCIM_MAX_MEMBERS} members per operation`);
  return list.map((member) => {
    const id = objectValue(member, "a member").value;
    if (typeof id !== "string" || id.length === 0 || id.length > 100) throw invalidValue("a member's value must be a user's id");
    return id;
  });
}
