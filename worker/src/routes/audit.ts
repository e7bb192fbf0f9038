import { z } from "zod";
import { AuditPageSchema, AuditQuerySchema } from "../../../shared/audit";
import { OrgIdSchema } from "../../../shared/orgs";
import { declare, json, routeGroup } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });

/** The organization's audit log, newest first, optionally for one Okta user (operators and admins). */
export const auditRoutes = routeGroup().openapi(
  declare({
    method: "get",
    middleware: orgScope("operator"),
    path: "/api/orgs/{org}/audit",
    tags: ["Audit"],
    request: { params: org, query: AuditQuerySchema },
    responses: { 200: json(AuditPageSchema, "A page of the audit log, newest first; `next` is the `before` of the following page.") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const entries = await servicesOf(c).store.listAudit(query);
    return c.json({ entries, next: entries.length === query.limit ? entries.at(-1)!.id : null }, 200);
  },
);
