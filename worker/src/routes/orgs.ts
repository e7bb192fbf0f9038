import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { CreateOrgRequestSchema, OrgIdSchema, type OrgSettings, UpdateOrgRequestSchema } from "../../../shared/orgs";
import { requireBootstrap, requireOrgRole } from "../auth/require-role";
import { auditChange } from "../http/audit-change";
import { baseUrl, type HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { putOrgRecord } from "../storage/org-config";
import { orgStore } from "../storage/org-store-client";
import { orgSummary } from "./change-summaries";
import { loadOrg } from "./load-org";
import { orgResponse } from "./org-response";

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

export const orgRoutes = new Hono<HonoEnv>()
  /** Creates an organization (platform bootstrap credential only). */
  .post("/api/orgs", async (c) => {
    requireBootstrap(c);
    const input = await readJson(c, CreateOrgRequestSchema);
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
    await auditChange(c, { orgId: id, action: "org_create", before: null, after: orgSummary(settings), status: 201 });
    return c.json(orgResponse(baseUrl(c), settings), 201);
  })
  .get("/api/orgs/:org", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const record = await loadOrg(c, c.req.param("org"));
    return c.json(orgResponse(baseUrl(c), record.settings));
  })
  /** Default role, role mapping, IdP-initiated sign-in, email attribute name. */
  .patch("/api/orgs/:org", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const record = await loadOrg(c, c.req.param("org"));
    const patch = await readJson(c, UpdateOrgRequestSchema);
    const settings = { ...record.settings, ...patch };
    await putOrgRecord(c.get("env").CONFIG, { ...record, settings });
    await auditChange(c, { orgId: settings.id, action: "org_update", before: orgSummary(record.settings), after: orgSummary(settings), status: 200 });
    return c.json(orgResponse(baseUrl(c), settings));
  });
