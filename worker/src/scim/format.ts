import { SCIM_GROUP, SCIM_LIST, SCIM_USER, type ScimGroup, type ScimUser } from "../../../shared/scim";
import type { ScimGroupRecord } from "../storage/org-store/scim-groups";
import type { ScimUserRecord } from "../storage/org-store/scim-users";

/** The SCIM base URL of an organization: `<public base>/<org>/scim/v2`. */
export const scimBaseUrl = (publicBase: string, orgId: string) => `${publicBase}/${orgId}/scim/v2`;

const iso = (ms: number) => new Date(ms).toISOString();
const version = (ms: number) => `W/"${ms}"`;

/** A user as RFC 7643 §4.1 describes it; unset attributes are left out. */
export function toScimUser(user: ScimUserRecord, base: string): ScimUser {
  const name = {
    ...(user.formattedName ? { formatted: user.formattedName } : {}),
    ...(user.givenName ? { givenName: user.givenName } : {}),
    ...(user.familyName ? { familyName: user.familyName } : {}),
  };
  return {
    schemas: [SCIM_USER],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.email,
    ...(Object.keys(name).length > 0 ? { name } : {}),
    ...(user.displayName ? { displayName: user.displayName } : {}),
    active: user.active,
    emails: [{ value: user.email, type: "work", primary: true }],
    meta: {
      resourceType: "User",
      created: iso(user.createdAtMs),
      lastModified: iso(user.updatedAtMs),
      location: `${base}/Users/${user.id}`,
      version: version(user.updatedAtMs),
    },
  };
}

/** A group as RFC 7643 §4.2 describes it; each member by user ID, with their userName as `display`. */
export function toScimGroup(group: ScimGroupRecord, base: string): ScimGroup {
  return {
    schemas: [SCIM_GROUP],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((member) => ({ value: member.id, display: member.email, $ref: `${base}/Users/${member.id}` })),
    meta: {
      resourceType: "Group",
      created: iso(group.createdAtMs),
      lastModified: iso(group.updatedAtMs),
      location: `${base}/Groups/${group.id}`,
      version: version(group.updatedAtMs),
    },
  };
}

/** A `ListResponse` (RFC 7644 §3.4.2). */
export function listResponse<T>(resources: T[], total: number, startIndex: number) {
  return { schemas: [SCIM_LIST] as [typeof SCIM_LIST], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}
