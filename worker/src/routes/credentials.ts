import { Hono } from "hono";
import { z } from "zod";
import { CreateCredentialSchema } from "../../../shared/credentials";
import { requireBootstrap } from "../auth/require-role";
import type { HonoEnv } from "../http/context";
import { parseParam, readJson } from "../http/read-json";
import { resealEverything } from "../org/reseal-everything";
import { orgScope, servicesOf } from "./org-scope";

const ForceQuerySchema = z.object({ force: z.enum(["true", "false"]).optional() });
const forced = (query: Record<string, string>) => parseParam(ForceQuerySchema, query).force === "true";

const admin = orgScope("admin");

/**
 * Okta credentials of an organization (admin only): create, list, delete, and rotate the client-authentication
 * key of an API Service credential (org/key-rotation.ts). No answer ever carries a secret or a private key, not
 * even to admins. Sealing, rotation, the audit and the gate's copy are the credential repository's.
 */
export const credentialRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/credentials", admin)
  .use("/api/orgs/:org/credentials/:id", admin)
  .use("/api/orgs/:org/credentials/:id/keys", admin)
  .use("/api/orgs/:org/credentials/:id/keys/:kid", admin)
  .use("/api/orgs/:org/credentials/:id/keys/:kid/activate", admin)
  .get("/api/orgs/:org/credentials", async (c) => {
    const { credentials } = servicesOf(c);
    return c.json({ credentials: (await credentials.list()).map((credential) => credentials.view(credential)) });
  })
  .post("/api/orgs/:org/credentials", async (c) => {
    const input = await readJson(c, CreateCredentialSchema);
    const { credentials } = servicesOf(c);
    const { credential, oktaSetup } = await credentials.create(input);
    return c.json({ ...credentials.view(credential), oktaSetup }, 201);
  })
  .get("/api/orgs/:org/credentials/:id", async (c) => {
    const { credentials } = servicesOf(c);
    return c.json(credentials.view(await credentials.get(c.req.param("id"))));
  })
  .delete("/api/orgs/:org/credentials/:id", async (c) => {
    await servicesOf(c).credentials.remove(c.req.param("id"));
    return c.body(null, 204);
  })
  /** Starts a rotation: a new `next` key (same algorithm as the active one), published in the JWKS at once. */
  .post("/api/orgs/:org/credentials/:id/keys", async (c) => {
    const { credentials } = servicesOf(c);
    const { credential, kid } = await credentials.addKey(c.req.param("id"));
    return c.json({ ...credentials.view(credential), kid }, 201);
  })
  /** Switches signing to `kid` (a `next` key, or a `retired` one to roll back); the active one becomes `retired`. */
  .post("/api/orgs/:org/credentials/:id/keys/:kid/activate", async (c) => {
    const { credentials } = servicesOf(c);
    return c.json(credentials.view(await credentials.activateKey(c.req.param("id"), c.req.param("kid"), forced(c.req.query()))));
  })
  /** Removes a retired key from the JWKS, after the grace period; the active and next keys cannot be deleted. */
  .delete("/api/orgs/:org/credentials/:id/keys/:kid", async (c) => {
    await servicesOf(c).credentials.deleteKey(c.req.param("id"), c.req.param("kid"), forced(c.req.query()));
    return c.body(null, 204);
  })
  /** Step 2 of an ENCRYPTION_KEYS rotation (org/reseal-everything.ts). Platform operators only (they hold the key). */
  .post("/api/credentials/reseal", async (c) => {
    requireBootstrap(c);
    return c.json(await resealEverything(c.get("env"), c.get("nowMs")));
  });
