import { z } from "zod";
import { EvidencePackSchema, EvidenceQuerySchema } from "../../../shared/evidence";
import { OktaIdSchema } from "../../../shared/ids";
import { OrgIdSchema } from "../../../shared/orgs";
import { TimelinePageSchema, TimelineQuerySchema } from "../../../shared/timeline";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import { declare, declaredAs, json, routeGroup } from "../http/openapi";
import { evidenceCsv } from "../timeline/evidence-csv";
import { callerBeforeInput } from "./caller-before-input";
import { gateScope } from "./gate-scope";

/**
 * One Okta user's investigation timeline (viewer and up; docs/timeline.md): Okta's System Log, Persona's case and
 * inquiries, and this product's audit, merged newest first, answered by the organization's gate in one call.
 * Always 200 when the caller may read the organization: a failing source is reported in `errors`.
 */
const user = z.object({ org: OrgIdSchema, userId: OktaIdSchema });
const tags = ["Investigation"];
const scope = [gateScope, callerBeforeInput("viewer")];
const operatorScope = [gateScope, callerBeforeInput("operator")];

export const timelineRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/users/{userId}/timeline",
      middleware: scope,
      tags,
      request: { params: user, query: TimelineQuerySchema },
      responses: { 200: json(TimelinePageSchema, "One page, newest first; `next` continues it; `errors` names a source that failed.") },
    }),
    async (c) => {
      const gate = c.get("gate")!;
      gate.called = true;
      const { userId } = c.req.valid("param");
      const query = c.req.valid("query");
      const request = { caller: gate.caller, userId, credentialId: query.credentialId, query, requestId: c.get("requestId"), nowMs: c.get("nowMs") };
      const page = declaredAs(TimelinePageSchema, unwrap(await gateOf(c.get("env"), gate.orgId).timeline(gate.orgId, request)));
      c.header("cache-control", "no-store");
      return c.json(page, 200);
    },
  )
  /**
   * The evidence pack (operator and up): the timeline of the window, the Okta and Persona summaries, the
   * verifications and every audit entry about the user with its hash-chain link, as JSON or as CSV (the timeline).
   */
  .openapi(
    declare({
      method: "get",
      path: "/api/orgs/{org}/okta/users/{userId}/evidence",
      middleware: operatorScope,
      tags,
      request: { params: user, query: EvidenceQuerySchema },
      responses: {
        200: {
          description: "The pack, as a download: JSON, or the timeline as CSV (`format=csv`) with each audit row's chain link.",
          content: { "application/json": { schema: EvidencePackSchema }, "text/csv": { schema: z.string() } },
        },
      },
    }),
    async (c) => {
      const gate = c.get("gate")!;
      gate.called = true;
      const { userId } = c.req.valid("param");
      const query = c.req.valid("query");
      const request = { caller: gate.caller, userId, query, requestId: c.get("requestId"), nowMs: c.get("nowMs") };
      const pack = declaredAs(EvidencePackSchema, unwrap(await gateOf(c.get("env"), gate.orgId).evidence(gate.orgId, request)));
      const name = `evidence-${gate.orgId}-${userId}-${pack.exportedAt.slice(0, 10)}`;
      c.header("cache-control", "no-store");
      if (query.format === "csv") {
        c.header("content-disposition", `attachment; filename="${name}.csv"`);
        return c.body(evidenceCsv(pack), 200, { "content-type": "text/csv; charset=utf-8" });
      }
      c.header("content-disposition", `attachment; filename="${name}.json"`);
      return c.json(pack, 200);
    },
  );
