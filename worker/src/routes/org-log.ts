import { z } from "zod";
import { OrgLogPageSchema, OrgLogQuerySchema } from "../../../shared/org-log";
import { OrgIdSchema } from "../../../shared/orgs";
import { declare, json, routeGroup } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });

/** The organization's log: why sign-ins failed, in the detail the browser is not shown (admin only). */
export const orgLogRoutes = routeGroup().openapi(
  declare({
    method: "get",
    middleware: orgScope("admin"),
    path: "/api/orgs/{org}/log",
    tags: ["Organization log"],
    request: { params: org, query: OrgLogQuerySchema },
    responses: { 200: json(OrgLogPageSchema, "A page of the log, newest first; `next` is the `before` of the following page.") },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const entries = await servicesOf(c).store.listLog(query.limit, query.before);
    return c.json(
      {
        entries: entries.map(({ detailsJson, ...entry }) => ({ ...entry, details: JSON.parse(detailsJson) as Record<string, unknown> })),
        next: entries.length === query.limit ? entries.at(-1)!.id : null,
      },
      200,
    );
  },
);
