import { Hono } from "hono";
import { z } from "zod";
import { requireOrgRole } from "../auth/require-role";
import type { HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";

const QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** The organization's log: why sign-ins failed, in the detail the browser is not shown (admin only). */
export const orgLogRoutes = new Hono<HonoEnv>().get("/api/orgs/:org/log", async (c) => {
  requireOrgRole(c, c.req.param("org"), "admin");
  const { settings } = await loadOrg(c, c.req.param("org"));
  const query = parseParam(QuerySchema, c.req.query());
  const entries = await orgStore(c.get("env"), settings.id).listLog(query.limit, query.before);
  return c.json({
    entries: entries.map(({ detailsJson, ...entry }) => ({ ...entry, details: JSON.parse(detailsJson) as Record<string, unknown> })),
    next: entries.length === query.limit ? entries.at(-1)!.id : null,
  });
});
