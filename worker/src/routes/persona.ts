import { Hono } from "hono";
import { PatchPersonaSchema, PutPersonaSchema } from "../../../shared/persona";
import type { HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { orgScope, servicesOf } from "./org-scope";

/**
 * The organization's Persona connection (admin only): the API key is sealed at rest, for its host only, and never
 * answered, not even to admins (org/persona-repository.ts). Any change reaches the organization's gate at once.
 */
export const personaRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/persona", orgScope("admin"))
  .use("/api/orgs/:org/persona/test", orgScope("admin"))
  .get("/api/orgs/:org/persona", async (c) => c.json(await servicesOf(c).persona.view()))
  .put("/api/orgs/:org/persona", async (c) => {
    const input = await readJson(c, PutPersonaSchema);
    return c.json(await servicesOf(c).persona.set(input));
  })
  .patch("/api/orgs/:org/persona", async (c) => {
    const input = await readJson(c, PatchPersonaSchema);
    return c.json(await servicesOf(c).persona.update(input));
  })
  .delete("/api/orgs/:org/persona", async (c) => {
    await servicesOf(c).persona.remove();
    return c.body(null, 204);
  })
  /** "Test": whether Persona accepts the stored key, with Persona's title and the fix when it does not (audited). */
  .post("/api/orgs/:org/persona/test", async (c) => c.json(await servicesOf(c).persona.test()));
