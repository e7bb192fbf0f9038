import type { z } from "zod";
import type { OrgSettings, UpdateOrgRequestSchema } from "../../../shared/orgs";
import type { SsoConfigInput } from "../../../shared/sso";
import type { AppEnv } from "../env";
import { fetchMetadataDocument } from "../net/safe-fetch";
import { parseIdpMetadata } from "../saml/idp-metadata";
import { type OrgRecord, putOrgRecord } from "../storage/org-config";
import type { AuditWriter } from "./audit-writer";
import { orgSummary, ssoSummary } from "./change-summaries";

/** The organization's own settings and the IdP it trusts, each change audited. */
export class OrgSettingsStore {
  constructor(
    private readonly env: AppEnv,
    private readonly record: OrgRecord,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  /** Default role, role mapping, IdP-initiated sign-in, email attribute name, extensions. */
  async update(patch: z.infer<typeof UpdateOrgRequestSchema>): Promise<OrgSettings> {
    const settings = { ...this.record.settings, ...patch };
    await putOrgRecord(this.env.CONFIG, { ...this.record, settings });
    await this.audit.change({ action: "org_update", before: orgSummary(this.record.settings), after: orgSummary(settings), status: 200 });
    return settings;
  }

  /**
   * "Get metadata": imports the IdP's metadata from its URL (fetched SSRF-safely) or from a pasted document,
   * pinning every signing certificate. Running it again refreshes the configuration (certificate rollover).
   * Nothing is stored unless the whole document is valid.
   */
  async configureSso(input: SsoConfigInput): Promise<OrgRecord> {
    const xml =
      "metadataXml" in input
        ? input.metadataXml
        : await fetchMetadataDocument(input.metadataUrl, { fetch: (...args) => fetch(...args), allowLoopback: this.env.ALLOW_LOOPBACK_UPSTREAMS });
    const metadata = parseIdpMetadata(xml, this.nowMs);
    const updated: OrgRecord = {
      settings: { ...this.record.settings, allowIdpInitiated: input.allowIdpInitiated ?? this.record.settings.allowIdpInitiated },
      idp: { ...metadata, ...("metadataUrl" in input ? { metadataUrl: input.metadataUrl } : {}), fetchedAt: new Date(this.nowMs).toISOString() },
    };
    await putOrgRecord(this.env.CONFIG, updated);
    // Who trusts which IdP is the most sensitive setting there is: a swapped IdP signs in as anyone.
    await this.audit.change({ action: "sso_update", before: ssoSummary(this.record), after: ssoSummary(updated), status: 200 });
    return updated;
  }
}
