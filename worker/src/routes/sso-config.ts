import { Hono } from "hono";
import { SsoConfigInputSchema, type SsoView } from "../../../shared/sso";
import { baseUrl, type HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { summarizeIdpConfig } from "../saml/idp-metadata";
import { spUrls } from "../saml/sp-urls";
import type { OrgRecord } from "../storage/org-config";
import { orgScope, servicesOf } from "./org-scope";

function ssoView(base: string, record: OrgRecord, nowMs: number): SsoView {
  const rest = { allowIdpInitiated: record.settings.allowIdpInitiated, sp: spUrls(base, record.settings.id) };
  return record.idp ? { ...summarizeIdpConfig(record.idp, nowMs), configured: true, ...rest } : { configured: false, ...rest };
}

/** The IdP the organization trusts (admin): what is configured, and "Get metadata" (org/org-settings.ts). */
export const ssoConfigRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/sso", orgScope("admin"))
  .get("/api/orgs/:org/sso", (c) => c.json(ssoView(baseUrl(c), c.get("org")!, c.get("nowMs"))))
  .put("/api/orgs/:org/sso", async (c) => {
    const input = await readJson(c, SsoConfigInputSchema);
    const updated = await servicesOf(c).settings.configureSso(input);
    return c.json(ssoView(baseUrl(c), updated, c.get("nowMs")));
  });
