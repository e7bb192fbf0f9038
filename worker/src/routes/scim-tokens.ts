import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { CreatedScimTokenSchema, ScimTokenListSchema } from "../../../shared/scim";
import { newScimToken } from "../auth/scim-token";
import { baseUrl } from "../http/context";
import { declare, json, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { scimBaseUrl } from "../scim/format";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const token = org.extend({ tokenId: z.string().min(1).max(100) });
const tags = ["SCIM"];
const unknown = unknownWhenMalformed({ tokenId: ["not_found", "no such SCIM token"] });
const admin = orgScope("admin");

/** The organization's SCIM bearer tokens (admin): made and shown once, stored hashed, several live, revocable, audited. */
export const scimTokenRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/scim/tokens",
      tags,
      request: { params: org },
      responses: { 200: json(ScimTokenListSchema, "The live SCIM tokens, newest first; never a token itself.") },
    }),
    async (c) => c.json({ tokens: await servicesOf(c).scimTokens.list() }, 200),
  )
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/scim/tokens",
      tags,
      request: { params: org },
      responses: { 201: json(CreatedScimTokenSchema, "The token (answered this once) and the SCIM base URL for Okta's Provisioning tab.") },
    }),
    async (c) => {
      const services = servicesOf(c);
      const { token, hash } = newScimToken(services.orgId);
      const view = await services.scimTokens.create(hash);
      c.header("cache-control", "no-store");
      return c.json({ id: view.id, token, scimBaseUrl: scimBaseUrl(baseUrl(c), services.orgId), createdAt: view.createdAt }, 201);
    },
  )
  .openapi(
    declare({
      method: "delete",
      middleware: admin,
      path: "/api/orgs/{org}/scim/tokens/{tokenId}",
      tags,
      request: { params: token },
      responses: { 204: { description: "Revoked; SCIM requests with it are refused from the next one on." } },
    }),
    async (c) => {
      await servicesOf(c).scimTokens.revoke(c.req.valid("param").tokenId);
      return c.body(null, 204);
    },
    unknown,
  );
