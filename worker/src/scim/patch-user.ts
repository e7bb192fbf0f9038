import type { ScimPatchOperation } from "../../../shared/scim";
import type { ScimUserFields } from "../storage/org-store/scim-users";
import { invalidPath, invalidValue, ScimFailure } from "./failure";
import { ATTRIBUTE_PATH, activeValue, emailValue, objectValue, textValue } from "./values";

/** What a SCIM write may change about a user. */
export type UserState = { userName: string; active: boolean; fields: ScimUserFields };

const NAME_PARTS = { givenname: "givenName", familyname: "familyName", formatted: "formattedName" } as const;

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a user, in order, and answers the new state; the caller writes
 * it. Forms Okta sends: `{"op":"replace","value":{"active":false}}` (no path: the value's keys are attributes),
 * `{"op":"replace","path":"active","value":false}`, and paths such as `name.givenName`. `add` and `replace` mean
 * the same for these single-valued attributes. Attributes this worker does not keep (emails, title, the
 * enterprise extension…) are ignored, as POST and PUT ignore them; a path that is not an attribute path is
 * refused.
 */
export function applyUserPatch(state: UserState, operations: readonly ScimPatchOperation[]): UserState {
  let next: UserState = { ...state, fields: { ...state.fields } };
  for (const operation of operations) {
    if (operation.path === undefined) {
      if (operation.op === "remove") throw new ScimFailure(400, "noTarget", "remove needs a path");
      for (const [key, value] of Object.entries(objectValue(operation.value, "value"))) next = setAttribute(next, key, value);
    } else if (operation.op === "remove") {
      next = setAttribute(next, operation.path, null, true);
    } else {
      next = setAttribute(next, operation.path, operation.value);
    }
  }
  return next;
}

/** Sets one attribute by its (case-insensitive) path; `removing` clears it. */
function setAttribute(state: UserState, path: string, value: unknown, removing = false): UserState {
  if (!ATTRIBUTE_PATH.test(path)) throw invalidPath(`${path} is not an attribute path`);
  const attribute = path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, "").toLowerCase();
  const fields = { ...state.fields };
  switch (attribute) {
    case "active":
      if (removing) throw invalidValue("active cannot be removed");
      return { ...state, active: activeValue(value) };
    case "username":
      if (removing) throw invalidValue("userName cannot be removed");
      return { ...state, userName: emailValue(value) };
    case "externalid":
      fields.externalId = textValue(value, "externalId", 200);
      return { ...state, fields };
    case "displayname":
      fields.displayName = textValue(value, "displayName", 300);
      return { ...state, fields };
    case "name": {
      // Removing (or nulling) the name clears its parts; a name object sets the parts it names.
      if (removing || value === null) return { ...state, fields: { ...fields, givenName: null, familyName: null, formattedName: null } };
      let next = state;
      for (const [key, part] of Object.entries(objectValue(value, "name"))) next = setAttribute(next, `name.${key}`, part);
      return next;
    }
    default: {
      const part = /^name\.(\w+)$/.exec(attribute)?.[1] as keyof typeof NAME_PARTS | undefined;
      const field = part ? NAME_PARTS[part] : undefined;
      if (!field) return state;
      fields[field] = textValue(removing ? null : value, `name.${part}`, field === "formattedName" ? 300 : 200);
      return { ...state, fields };
    }
  }
}
