import { z } from "zod";
import { AuditChainReportSchema, AuditPageSchema, AuditQuerySchema } from "../../../shared/audit";
import { OrgIdSchema } from "../../../shared/orgs";
import { declare, json, routeGroup } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });

/**
 * The organization's audit log, newest first, optionally for one Okta user (operators and admins); and the check
 * of its hash chain (admins: it walks the whole log, docs/audit-chain.md).
 */
export const auditRoutes = routeGroup()
  .openapi(
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
  )
  .openapi(
    declare({
      method: "get",
      middleware: orgScope("admin"),
      path: "/api/orgs/{org}/audit/verify",
      tags: ["Audit"],
      request: { params: org },
      responses: {
        200: json(AuditChainReportSchema, "The hash chain walked in ID order: `ok`, the entry count, the head to keep, and `firstBrokenAt` when a link fails."),
      },
    }),
    async (c) => c.json(await servicesOf(c).store.verifyAudit(), 200),
  );
