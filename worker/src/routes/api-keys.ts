import { Hono } from "hono";
import { type ApiKeyList, CreateApiKeySchema, type CreatedApiKey } from "../../../shared/api-keys";
import { AppError } from "../../../shared/errors";
import { actorOf } from "../auth/actor";
import { newApiKey } from "../auth/api-key-token";
import { requireOrgRole } from "../auth/require-role";
import type { HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";

/** Org API keys for automation (admin): created and shown once, stored hashed, carrying a role, revocable, audited. */
export const apiKeyRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/api-keys", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    return c.json({ apiKeys: await orgStore(c.get("env"), settings.id).listApiKeys() } satisfies ApiKeyList);
  })
  .post("/api/orgs/:org/api-keys", async (c) => {
    const principal = requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const input = await readJson(c, CreateApiKeySchema);
    const { actor, role } = actorOf(principal);
    const store = orgStore(c.get("env"), settings.id);
    const nowMs = c.get("nowMs");
    const { key, hash, prefix } = newApiKey(settings.id);
    const view = await store.createApiKey({ name: input.name, role: input.role, hash, prefix, createdBy: actor.label }, nowMs);
    await store.audit(
      {
        actor,
        role,
        action: "api_key_create",
        targetUserId: null,
        credentialId: view.id,
        result: "success",
        status: 201,
        errorCode: null,
        oktaErrorCode: null,
        oktaRequestId: null,
        changes: { after: { name: view.name, role: view.role } },
      },
      nowMs,
    );
    c.header("cache-control", "no-store");
    return c.json({ ...view, key } satisfies CreatedApiKey, 201);
  })
  .delete("/api/orgs/:org/api-keys/:keyId", async (c) => {
    const principal = requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const store = orgStore(c.get("env"), settings.id);
    const nowMs = c.get("nowMs");
    if (!(await store.revokeApiKey(c.req.param("keyId"), nowMs))) throw new AppError("not_found", "no such live API key");
    const { actor, role } = actorOf(principal);
    await store.audit(
      {
        actor,
        role,
        action: "api_key_revoke",
        targetUserId: null,
        credentialId: c.req.param("keyId"),
        result: "success",
        status: 204,
        errorCode: null,
        oktaErrorCode: null,
        oktaRequestId: null,
      },
      nowMs,
    );
    return c.body(null, 204);
  });
