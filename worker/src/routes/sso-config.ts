import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { type KeyExpiry, SsoConfigInputSchema, SsoPatchSchema, type SsoView, SsoViewSchema } from "../../../shared/sso";
import { baseUrl } from "../http/context";
import { declare, json, jsonBody, routeGroup } from "../http/openapi";
import { expiryWarnings, orgKeyExpiries } from "../org/metadata-refresh-status";
import { summarizeIdpConfig } from "../saml/idp-metadata";
import { spUrls } from "../saml/sp-urls";
import { type OrgRecord, ssoSettingsOf } from "../storage/org-config";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["SSO"];
const admin = orgScope("admin");

function ssoView(base: string, record: OrgRecord, keys: KeyExpiry[], nowMs: number): SsoView {
  const { options, refresh } = ssoSettingsOf(record);
  const { pending, ...state } = refresh;
  const summary = record.idp ? summarizeIdpConfig(record.idp, nowMs) : null;
  const rest = {
    allowIdpInitiated: record.settings.allowIdpInitiated,
    sp: spUrls(base, record.settings.id),
    options,
    refresh: {
      ...state,
      ...(pending
        ? {
            pending: {
              entityId: pending.entityId,
              ...(pending.ssoUrlRedirect === undefined ? {} : { ssoUrlRedirect: pending.ssoUrlRedirect }),
              ...(pending.ssoUrlPost === undefined ? {} : { ssoUrlPost: pending.ssoUrlPost }),
              fingerprints: pending.certificates.map((certificate) => certificate.fingerprintSha256),
              detectedAt: pending.detectedAt,
            },
          }
        : {}),
    },
    keys,
    warnings: expiryWarnings(summary?.certificates ?? [], keys),
  };
  return summary ? { ...summary, configured: true, ...rest } : { configured: false, ...rest };
}

const view = async (c: Parameters<typeof servicesOf>[0], record: OrgRecord) =>
  ssoView(baseUrl(c), record, await orgKeyExpiries(c.get("env"), record.settings.id), c.get("nowMs"));

/**
 * The IdP the organization trusts (admin): what is configured, "Get metadata" (org/org-settings.ts), and the SAML
 * options and metadata refresh settings (docs/idp-metadata-refresh.md).
 */
export const ssoConfigRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/sso",
      tags,
      request: { params: org },
      responses: {
        200: json(SsoViewSchema, "The SP URLs, options, refresh state, key expiries and warnings, and the IdP summary when one is configured."),
      },
    }),
    async (c) => c.json(await view(c, c.get("org")!), 200),
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
      return c.json(await view(c, updated), 200);
    },
  )
  .openapi(
    declare({
      method: "patch",
      middleware: admin,
      path: "/api/orgs/{org}/sso",
      tags,
      request: { params: org, body: jsonBody(SsoPatchSchema) },
      responses: {
        200: json(SsoViewSchema, "The SSO configuration as now stored: options, pinning, and the pending change accepted or dropped."),
      },
    }),
    async (c) => {
      const updated = await servicesOf(c).settings.updateSso(c.req.valid("json"));
      return c.json(await view(c, updated), 200);
    },
  );
