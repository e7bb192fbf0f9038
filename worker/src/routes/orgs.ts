import { createMiddleware } from "hono/factory";
import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { CreateOrgRequestSchema, OrgIdSchema, OrgResponseSchema, type OrgSettings, UpdateOrgRequestSchema } from "../../../shared/orgs";
import { actorOf } from "../auth/actor";
import { requireBootstrap, requirePrincipal } from "../auth/require-role";
import { baseUrl, type HonoEnv } from "../http/context";
import { declare, json, jsonBody, routeGroup } from "../http/openapi";
import { AuditWriter } from "../org/audit-writer";
import { orgSummary } from "../org/change-summaries";
import { putOrgRecord } from "../storage/org-config";
import { orgStore } from "../storage/org-store-client";
import { orgResponse } from "./org-response";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["Organizations"];
const admin = orgScope("admin");

/** The bootstrap check runs before the body is read, as every route's authorization does. */
const bootstrapOnly = createMiddleware<HonoEnv>(async function bootstrapOnly(c, next) {
  requireBootstrap(c);
  await next();
});

/** A readable, unguessable ID from the name: `acme-corp-k3x9q2` (no underscore: Okta refuses it in SSO URLs). */
function deriveOrgId(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/, "");
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");
  return OrgIdSchema.parse(`${slug || "org"}-${suffix}`);
}

export const orgRoutes = routeGroup()
  /** Creates an organization (platform bootstrap credential only). */
  .openapi(
    declare({
      method: "post",
      middleware: bootstrapOnly,
      path: "/api/orgs",
      tags,
      request: { body: jsonBody(CreateOrgRequestSchema) },
      responses: { 201: json(OrgResponseSchema, "The organization, with the URLs to paste into Okta.") },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const id = input.id ?? deriveOrgId(input.name);
      const nowMs = c.get("nowMs");
      // The Durable Object is the single writer for an ID, so two concurrent creations cannot both win.
      if (!(await orgStore(c.get("env"), id).claim(nowMs))) throw new AppError("org_exists", "an organization with this ID exists");
      const settings: OrgSettings = {
        id,
        name: input.name,
        defaultRole: input.defaultRole,
        roleMapping: null,
        allowIdpInitiated: true,
        emailAttribute: "email",
        extensionIds: [],
        createdAt: new Date(nowMs).toISOString(),
      };
      await putOrgRecord(c.get("env").CONFIG, { settings, idp: null });
      await new AuditWriter(orgStore(c.get("env"), id), actorOf(requirePrincipal(c)), nowMs).change({
        action: "org_create",
        before: null,
        after: orgSummary(settings),
        status: 201,
      });
      return c.json(orgResponse(baseUrl(c), settings), 201);
    },
  )
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}",
      tags,
      request: { params: org },
      responses: { 200: json(OrgResponseSchema, "The organization's settings, with the URLs to paste into Okta.") },
    }),
    (c) => c.json(orgResponse(baseUrl(c), c.get("org")!.settings), 200),
  )
  /** Default role, role mapping, IdP-initiated sign-in, email attribute name. */
  .openapi(
    declare({
      method: "patch",
      middleware: admin,
      path: "/api/orgs/{org}",
      tags,
      request: { params: org, body: jsonBody(UpdateOrgRequestSchema) },
      responses: { 200: json(OrgResponseSchema, "The updated settings, with the URLs to paste into Okta.") },
    }),
    async (c) => c.json(orgResponse(baseUrl(c), await servicesOf(c).settings.update(c.req.valid("json"))), 200),
  );
