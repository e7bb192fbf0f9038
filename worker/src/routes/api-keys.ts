import { Hono } from "hono";
import { type ApiKeyList, CreateApiKeySchema, type CreatedApiKey } from "../../../shared/api-keys";
import { newApiKey } from "../auth/api-key-token";
import type { HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { orgScope, servicesOf } from "./org-scope";

/** Org API keys for automation (admin): created and shown once, stored hashed, carrying a role, revocable, audited. */
export const apiKeyRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/api-keys", orgScope("admin"))
  .use("/api/orgs/:org/api-keys/:keyId", orgScope("admin"))
  .get("/api/orgs/:org/api-keys", async (c) => c.json({ apiKeys: await servicesOf(c).apiKeys.list() } satisfies ApiKeyList))
  .post("/api/orgs/:org/api-keys", async (c) => {
    const input = await readJson(c, CreateApiKeySchema);
    const services = servicesOf(c);
    const { key, hash, prefix } = newApiKey(services.orgId);
    const view = await services.apiKeys.create({ name: input.name, role: input.role, hash, prefix });
    c.header("cache-control", "no-store");
    return c.json({ ...view, key } satisfies CreatedApiKey, 201);
  })
  .delete("/api/orgs/:org/api-keys/:keyId", async (c) => {
    await servicesOf(c).apiKeys.revoke(c.req.param("keyId"));
    return c.body(null, 204);
  });
