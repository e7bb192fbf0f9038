import { z } from "zod";
import { ApiKeyListSchema, CreateApiKeySchema, CreatedApiKeySchema } from "../../../shared/api-keys";
import { OrgIdSchema } from "../../../shared/orgs";
import { newApiKey } from "../auth/api-key-token";
import { declare, json, jsonBody, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const apiKey = org.extend({ keyId: z.string().min(1).max(100) });
const tags = ["API keys"];
const unknown = unknownWhenMalformed({ keyId: ["not_found", "no such live API key"] });
const admin = orgScope("admin");

/** Org API keys for automation (admin): created and shown once, stored hashed, carrying a role, revocable, audited. */
export const apiKeyRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/api-keys",
      tags,
      request: { params: org },
      responses: { 200: json(ApiKeyListSchema, "The keys, revoked ones included, newest first; never a key itself.") },
    }),
    async (c) => c.json({ apiKeys: await servicesOf(c).apiKeys.list() }, 200),
  )
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/api-keys",
      tags,
      request: { params: org, body: jsonBody(CreateApiKeySchema) },
      responses: { 201: json(CreatedApiKeySchema, "The key's view and the key itself (answered this once).") },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const services = servicesOf(c);
      const { key, hash, prefix } = newApiKey(services.orgId);
      const view = await services.apiKeys.create({ name: input.name, role: input.role, hash, prefix });
      c.header("cache-control", "no-store");
      return c.json({ ...view, key }, 201);
    },
  )
  .openapi(
    declare({
      method: "delete",
      middleware: admin,
      path: "/api/orgs/{org}/api-keys/{keyId}",
      tags,
      request: { params: apiKey },
      responses: { 204: { description: "Revoked; the key is refused from the next request on." } },
    }),
    async (c) => {
      await servicesOf(c).apiKeys.revoke(c.req.valid("param").keyId);
      return c.body(null, 204);
    },
    unknown,
  );
