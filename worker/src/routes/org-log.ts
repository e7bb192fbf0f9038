import { Hono } from "hono";
import { z } from "zod";
import type { HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { orgScope, servicesOf } from "./org-scope";

const QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/** The organization's log: why sign-ins failed, in the detail the browser is not shown (admin only). */
export const orgLogRoutes = new Hono<HonoEnv>().use("/api/orgs/:org/log", orgScope("admin")).get("/api/orgs/:org/log", async (c) => {
  const query = parseParam(QuerySchema, c.req.query());
  const entries = await servicesOf(c).store.listLog(query.limit, query.before);
  return c.json({
    entries: entries.map(({ detailsJson, ...entry }) => ({ ...entry, details: JSON.parse(detailsJson) as Record<string, unknown> })),
    next: entries.length === query.limit ? entries.at(-1)!.id : null,
  });
});
