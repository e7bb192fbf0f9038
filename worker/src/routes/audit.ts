import { Hono } from "hono";
import { type AuditPage, AuditQuerySchema } from "../../../shared/audit";
import type { HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { orgScope, servicesOf } from "./org-scope";

/** The organization's audit log, newest first, optionally for one Okta user (operators and admins). */
export const auditRoutes = new Hono<HonoEnv>().use("/api/orgs/:org/audit", orgScope("operator")).get("/api/orgs/:org/audit", async (c) => {
  const query = parseParam(AuditQuerySchema, c.req.query());
  const entries = await servicesOf(c).store.listAudit(query);
  return c.json({ entries, next: entries.length === query.limit ? entries.at(-1)!.id : null } satisfies AuditPage);
});
