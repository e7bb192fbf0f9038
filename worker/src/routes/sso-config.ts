import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { SsoConfigInputSchema, type SsoView, SsoViewSchema } from "../../../shared/sso";
import { baseUrl } from "../http/context";
import { declare, json, jsonBody, routeGroup } from "../http/openapi";
import { summarizeIdpConfig } from "../saml/idp-metadata";
import { spUrls } from "../saml/sp-urls";
import type { OrgRecord } from "../storage/org-config";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["SSO"];
const admin = orgScope("admin");

function ssoView(base: string, record: OrgRecord, nowMs: number): SsoView {
  const rest = { allowIdpInitiated: record.settings.allowIdpInitiated, sp: spUrls(base, record.settings.id) };
  return record.idp ? { ...summarizeIdpConfig(record.idp, nowMs), configured: true, ...rest } : { configured: false, ...rest };
}

/** The IdP the organization trusts (admin): what is configured, and "Get metadata" (org/org-settings.ts). */
export const ssoConfigRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/sso",
      tags,
      request: { params: org },
      responses: { 200: json(SsoViewSchema, "The SP URLs, and the IdP summary when one is configured.") },
    }),
    (c) => c.json(ssoView(baseUrl(c), c.get("org")!, c.get("nowMs")), 200),
  )
  .openapi(
    declare({
      method: "put",
      middleware: admin,
      path: "/api/orgs/{org}/sso",
      tags,
      request: { params: org, body: jsonBody(SsoConfigInputSchema) },
      responses: { 200: json(SsoViewSchema, "The SSO configuration as now stored.") },
    }),
    async (c) => {
      const updated = await servicesOf(c).settings.configureSso(c.req.valid("json"));
      return c.json(ssoView(baseUrl(c), updated, c.get("nowMs")), 200);
    },
  );
