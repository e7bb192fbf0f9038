import { SCIM_GROUP, SCIM_LIST, SCIM_MAX_BODY_BYTES, SCIM_MAX_COUNT, SCIM_MAX_OPERATIONS, SCIM_USER } from "../../../shared/scim";

/**
 * The discovery endpoints (RFC 7644 §4): what this server supports, stated the way a client reads it. They
 * describe the server, not the organization's data, so they are the same for every organization but the URLs.
 */

const SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SPC],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A SCIM token made by an organization admin (POST /api/orgs/{org}/scim/tokens)",
        primary: true,
      },
    ],
    maxOperations: SCIM_MAX_OPERATIONS,
    maxPayloadSize: SCIM_MAX_BODY_BYTES,
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

const resourceType = (base: string, name: "User" | "Group", schema: string) => ({
  schemas: [RESOURCE_TYPE],
  id: name,
  name,
  endpoint: `/${name}s`,
  schema,
  meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${name}` },
});

export function resourceTypes(base: string) {
  const resources = [resourceType(base, "User", SCIM_USER), resourceType(base, "Group", SCIM_GROUP)];
  return { schemas: [SCIM_LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

type Attribute = {
  name: string;
  type: string;
  multiValued?: boolean;
  required?: boolean;
  mutability?: string;
  uniqueness?: string;
  subAttributes?: Attribute[];
};

const attribute = (spec: Attribute): Record<string, unknown> => ({
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...spec,
  ...(spec.subAttributes ? { subAttributes: spec.subAttributes.map(attribute) } : {}),
});

const USER_ATTRIBUTES: Attribute[] = [
  { name: "userName", type: "string", required: true, uniqueness: "server" },
  { name: "externalId", type: "string" },
  {
    name: "name",
    type: "complex",
    subAttributes: [
      { name: "formatted", type: "string" },
      { name: "givenName", type: "string" },
      { name: "familyName", type: "string" },
    ],
  },
  { name: "displayName", type: "string" },
  { name: "active", type: "boolean" },
  {
    name: "emails",
    type: "complex",
    multiValued: true,
    mutability: "readOnly",
    subAttributes: [
      { name: "value", type: "string" },
      { name: "type", type: "string" },
      { name: "primary", type: "boolean" },
    ],
  },
];

const GROUP_ATTRIBUTES: Attribute[] = [
  { name: "displayName", type: "string", required: true, uniqueness: "server" },
  { name: "externalId", type: "string" },
  {
    name: "members",
    type: "complex",
    multiValued: true,
    subAttributes: [
      { name: "value", type: "string", mutability: "immutable" },
      { name: "display", type: "string", mutability: "readOnly" },
    ],
  },
];

const schema = (base: string, id: string, name: string, attributes: Attribute[]) => ({
  schemas: [SCHEMA],
  id,
  name,
  attributes: attributes.map(attribute),
  meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` },
});

export function schemas(base: string) {
  const resources = [schema(base, SCIM_USER, "User", USER_ATTRIBUTES), schema(base, SCIM_GROUP, "Group", GROUP_ATTRIBUTES)];
  return { schemas: [SCIM_LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
