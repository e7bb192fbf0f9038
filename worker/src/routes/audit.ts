import { Hono } from "hono";
import { type AuditPage, AuditQuerySchema } from "../../../shared/audit";
import { requireOrgRole } from "../auth/require-role";
import type { HonoEnv } from "../http/context";
import { parseParam } from "../http/read-json";
import { orgStore } from "../storage/org-store-client";
import { loadOrg } from "./load-org";

/** The organization's audit log, newest first, optionally for one Okta user (operators and admins). */
export const auditRoutes = new Hono<HonoEnv>().get("/api/orgs/:org/audit", async (c) => {
  requireOrgRole(c, c.req.param("org"), "operator");
  const { settings } = await loadOrg(c, c.req.param("org"));
  const query = parseParam(AuditQuerySchema, c.req.query());
  const entries = await orgStore(c.get("env"), settings.id).listAudit(query);
  return c.json({ entries, next: entries.length === query.limit ? entries.at(-1)!.id : null } satisfies AuditPage);
});
