import type { z } from "zod";
import { AppError } from "../../../shared/errors";
import type { OrgSettings, UpdateOrgRequestSchema } from "../../../shared/orgs";
import type { SsoConfigInput, SsoPatch, SsoSettings } from "../../../shared/sso";
import type { AppEnv } from "../env";
import { fetchMetadataDocument } from "../net/safe-fetch";
import { parseIdpMetadata } from "../saml/idp-metadata";
import { type OrgRecord, putOrgRecord, ssoSettingsOf } from "../storage/org-config";
import type { AuditWriter, Summary } from "./audit-writer";
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
    const { pending: _replaced, ...refresh } = ssoSettingsOf(this.record).refresh;
    const updated: OrgRecord = {
      ...this.record,
      settings: { ...this.record.settings, allowIdpInitiated: input.allowIdpInitiated ?? this.record.settings.allowIdpInitiated },
      idp: { ...metadata, ...("metadataUrl" in input ? { metadataUrl: input.metadataUrl } : {}), fetchedAt: new Date(this.nowMs).toISOString() },
      // An import is the admin's own choice of IdP: a change a refresh was holding for them is settled by it.
      ...(this.record.sso ? { sso: { ...this.record.sso, refresh } } : {}),
    };
    await putOrgRecord(this.env.CONFIG, updated);
    // Who trusts which IdP is the most sensitive setting there is: a swapped IdP signs in as anyone.
    await this.audit.change({ action: "sso_update", before: ssoSummary(this.record), after: ssoSummary(updated), status: 200 });
    return updated;
  }

  /**
   * `PATCH /api/orgs/{org}/sso`: the SAML options, pinning, and the admin's answer to a change a metadata refresh
   * is holding (docs/idp-metadata-refresh.md). Accepting applies the held document as an import would; refusing
   * drops it. Every flag is stored even without an IdP, except an answer, which needs a held change.
   */
  async updateSso(patch: SsoPatch): Promise<OrgRecord> {
    const { acceptPending, pinned, ...options } = patch;
    const current = ssoSettingsOf(this.record);
    let idp = this.record.idp;
    let { pending, ...refresh } = current.refresh;
    if (acceptPending !== undefined) {
      if (!idp) throw new AppError("sso_not_configured", "no IdP is configured for this organization");
      if (!pending) throw new AppError("sso_change_not_pending", "no metadata change is waiting to be accepted");
      if (acceptPending) {
        const { detectedAt, ...metadata } = pending;
        idp = { ...metadata, ...(idp.metadataUrl === undefined ? {} : { metadataUrl: idp.metadataUrl }), fetchedAt: detectedAt };
      }
      pending = undefined;
    }
    const sso: SsoSettings = {
      options: { ...current.options, ...options },
      refresh: { ...refresh, pinned: pinned ?? refresh.pinned, ...(pending ? { pending } : {}) },
    };
    const updated: OrgRecord = { ...this.record, idp, sso };
    await putOrgRecord(this.env.CONFIG, updated);
    // Accepting a change swaps the trusted IdP: audited under the same action as an import.
    const action = acceptPending === true ? "sso_update" : "sso_settings_update";
    await this.audit.change({ action, before: ssoSettingsSummary(this.record), after: ssoSettingsSummary(updated), status: 200 });
    return updated;
  }
}

/** The IdP summary (when there is one), the options, pinning and the held change, for the audit of a PATCH. */
function ssoSettingsSummary(record: OrgRecord): Summary {
  const { options, refresh } = ssoSettingsOf(record);
  return {
    ...(ssoSummary(record) ?? {}),
    ...options,
    pinned: refresh.pinned,
    pendingEntityId: refresh.pending?.entityId ?? null,
    pendingCertificates: refresh.pending?.certificates.map((certificate) => certificate.fingerprintSha256) ?? null,
  };
}
