import { Hono } from "hono";
import { SsoConfigInputSchema, type SsoView } from "../../../shared/sso";
import { requireOrgRole } from "../auth/require-role";
import { auditChange } from "../http/audit-change";
import { baseUrl, type HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { fetchMetadataDocument } from "../net/safe-fetch";
import { parseIdpMetadata, summarizeIdpConfig } from "../saml/idp-metadata";
import { spUrls } from "../saml/sp-urls";
import type { OrgRecord } from "../storage/org-config";
import { putOrgRecord } from "../storage/org-config";
import { ssoSummary } from "./change-summaries";
import { loadOrg } from "./load-org";

function ssoView(base: string, record: OrgRecord, nowMs: number): SsoView {
  const rest = { allowIdpInitiated: record.settings.allowIdpInitiated, sp: spUrls(base, record.settings.id) };
  return record.idp ? { ...summarizeIdpConfig(record.idp, nowMs), configured: true, ...rest } : { configured: false, ...rest };
}

export const ssoConfigRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/sso", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const record = await loadOrg(c, c.req.param("org"));
    return c.json(ssoView(baseUrl(c), record, c.get("nowMs")));
  })
  /**
   * "Get metadata": imports the IdP's metadata from its URL (fetched SSRF-safely) or from a pasted document,
   * pinning every signing certificate. Running it again refreshes the configuration (certificate rollover).
   * Nothing is stored unless the whole document is valid.
   */
  .put("/api/orgs/:org/sso", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const record = await loadOrg(c, c.req.param("org"));
    const input = await readJson(c, SsoConfigInputSchema);
    const env = c.get("env");
    const nowMs = c.get("nowMs");
    const xml =
      "metadataXml" in input
        ? input.metadataXml
        : await fetchMetadataDocument(input.metadataUrl, { fetch: (...args) => fetch(...args), allowLoopback: env.ALLOW_LOOPBACK_UPSTREAMS });
    const metadata = parseIdpMetadata(xml, nowMs);
    const updated: OrgRecord = {
      settings: { ...record.settings, allowIdpInitiated: input.allowIdpInitiated ?? record.settings.allowIdpInitiated },
      idp: {
        ...metadata,
        ...("metadataUrl" in input ? { metadataUrl: input.metadataUrl } : {}),
        fetchedAt: new Date(nowMs).toISOString(),
      },
    };
    await putOrgRecord(env.CONFIG, updated);
    // Who trusts which IdP is the most sensitive setting there is: a swapped IdP signs in as anyone.
    await auditChange(c, { orgId: updated.settings.id, action: "sso_update", before: ssoSummary(record), after: ssoSummary(updated), status: 200 });
    return c.json(ssoView(baseUrl(c), updated, nowMs));
  });
