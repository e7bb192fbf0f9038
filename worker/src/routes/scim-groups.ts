import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { ScimGroupInputSchema, ScimGroupListSchema, ScimGroupSchema, ScimListQuerySchema, ScimPatchSchema } from "../../../shared/scim";
import { declareScim, SCIM_HEADERS, scim, scimBody, scimGroup, scimOf } from "./scim-scope";

const org = z.object({ org: OrgIdSchema });
const group = org.extend({ id: z.string().min(1).max(100) });
const path = "/{org}/scim/v2/Groups";
const one = "/{org}/scim/v2/Groups/{id}";
const resource = scim(ScimGroupSchema, "The group as now stored.");

/**
 * SCIM Groups (RFC 7644 §3): groups Okta pushes, whose display names the role mapping matches as it matches the
 * SAML `groups` attribute (docs/scim.md). Every write is one Durable Object transaction with its audit entry.
 */
export const scimGroupRoutes = scimGroup()
  .openapi(
    declareScim({
      method: "get",
      path,
      request: { params: org, query: ScimListQuerySchema },
      responses: { 200: scim(ScimGroupListSchema, "One page of groups; `filter` takes `displayName`, `externalId` or `id` with `eq`.") },
    }),
    async (c) => c.json(await scimOf(c).listGroups(c.req.valid("query")), 200, SCIM_HEADERS),
  )
  .openapi(declareScim({ method: "get", path: one, request: { params: group }, responses: { 200: scim(ScimGroupSchema, "The group.") } }), async (c) =>
    c.json(await scimOf(c).getGroup(c.req.valid("param").id), 200, SCIM_HEADERS),
  )
  .openapi(
    declareScim({
      method: "post",
      path,
      request: { params: org, body: scimBody(ScimGroupInputSchema) },
      responses: { 201: scim(ScimGroupSchema, "The group, created (409 `uniqueness` when the display name is taken).") },
    }),
    async (c) => c.json(await scimOf(c).createGroup(c.req.valid("json")), 201, SCIM_HEADERS),
  )
  .openapi(
    declareScim({ method: "put", path: one, request: { params: group, body: scimBody(ScimGroupInputSchema) }, responses: { 200: resource } }),
    async (c) => c.json(await scimOf(c).replaceGroup(c.req.valid("param").id, c.req.valid("json")), 200, SCIM_HEADERS),
  )
  .openapi(declareScim({ method: "patch", path: one, request: { params: group, body: scimBody(ScimPatchSchema) }, responses: { 200: resource } }), async (c) =>
    c.json(await scimOf(c).patchGroup(c.req.valid("param").id, c.req.valid("json").Operations), 200, SCIM_HEADERS),
  )
  .openapi(
    declareScim({
      method: "delete",
      path: one,
      request: { params: group },
      responses: { 204: { description: "Deleted; its former members' roles are decided again without it." } },
    }),
    async (c) => {
      await scimOf(c).deleteGroup(c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
