import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { ScimListQuerySchema, ScimPatchSchema, ScimUserInputSchema, ScimUserListSchema, ScimUserSchema } from "../../../shared/scim";
import { declareScim, SCIM_HEADERS, scim, scimBody, scimGroup, scimOf } from "./scim-scope";

const org = z.object({ org: OrgIdSchema });
const user = org.extend({ id: z.string().min(1).max(100) });
const path = "/{org}/scim/v2/Users";
const one = "/{org}/scim/v2/Users/{id}";
const resource = scim(ScimUserSchema, "The user as now stored.");

/**
 * SCIM Users (RFC 7644 §3): the organization's users, the same ones SAML sign-in creates (docs/scim.md). Every
 * write is one Durable Object transaction with its audit entry; deactivation ends the user's sessions at once.
 */
export const scimUserRoutes = scimGroup()
  .openapi(
    declareScim({
      method: "get",
      path,
      request: { params: org, query: ScimListQuerySchema },
      responses: { 200: scim(ScimUserListSchema, "One page of users; `filter` takes `userName`, `externalId` or `id` with `eq`.") },
    }),
    async (c) => c.json(await scimOf(c).listUsers(c.req.valid("query")), 200, SCIM_HEADERS),
  )
  .openapi(declareScim({ method: "get", path: one, request: { params: user }, responses: { 200: scim(ScimUserSchema, "The user.") } }), async (c) =>
    c.json(await scimOf(c).getUser(c.req.valid("param").id), 200, SCIM_HEADERS),
  )
  .openapi(
    declareScim({
      method: "post",
      path,
      request: { params: org, body: scimBody(ScimUserInputSchema) },
      responses: { 201: scim(ScimUserSchema, "The user, created (409 `uniqueness` when the userName is taken).") },
    }),
    async (c) => c.json(await scimOf(c).createUser(c.req.valid("json")), 201, SCIM_HEADERS),
  )
  .openapi(declareScim({ method: "put", path: one, request: { params: user, body: scimBody(ScimUserInputSchema) }, responses: { 200: resource } }), async (c) =>
    c.json(await scimOf(c).replaceUser(c.req.valid("param").id, c.req.valid("json")), 200, SCIM_HEADERS),
  )
  .openapi(declareScim({ method: "patch", path: one, request: { params: user, body: scimBody(ScimPatchSchema) }, responses: { 200: resource } }), async (c) =>
    c.json(await scimOf(c).patchUser(c.req.valid("param").id, c.req.valid("json").Operations), 200, SCIM_HEADERS),
  )
  .openapi(
    declareScim({
      method: "delete",
      path: one,
      request: { params: user },
      responses: { 204: { description: "Disabled and signed out everywhere; SCIM answers 404 for the user from now on." } },
    }),
    async (c) => {
      await scimOf(c).deleteUser(c.req.valid("param").id);
      return c.body(null, 204);
    },
  );
