import { isAppError } from "../../../shared/errors";
import { METADATA_REFRESH_EVENTS } from "../../../shared/org-log";
import type { IdpConfig, MetadataRefreshResult, SsoSettings } from "../../../shared/sso";
import type { AppEnv } from "../env";
import { fetchMetadataDocument } from "../net/safe-fetch";
import { parseIdpMetadata } from "../saml/idp-metadata";
import { type CertificateChanges, planMetadataRefresh } from "../saml/metadata-refresh-merge";
import { getOrgRecord, ORG_RECORD_PREFIX, type OrgRecord, orgIdOfKey, putOrgRecord, ssoSettingsOf } from "../storage/org-config";
import type { NewLogEntry } from "../storage/org-store/org-log";
import { orgStore } from "../storage/org-store-client";
import { listKeyNames } from "../storage/reseal-all";

/** The network, for tests; the worker's own `fetch` otherwise. */
export type RefreshDeps = { fetch?: typeof fetch };

/** How many organizations one cron run refreshes at a time: each fetch may wait out its 8 s timeout. */
const CONCURRENCY = 4;

/** What one cron run did: organizations refreshed, by result. */
export type RefreshRun = { orgs: number } & Partial<Record<MetadataRefreshResult, number>>;

/**
 * The Cron Trigger's work (worker/src/index.ts, docs/idp-metadata-refresh.md): every organization whose IdP
 * metadata was imported from a URL is refreshed; a pasted document has nothing to fetch. One organization's
 * failure is its own (logged to its org log), never the others'.
 */
export async function refreshAllMetadata(env: AppEnv, nowMs: number, deps: RefreshDeps = {}): Promise<RefreshRun> {
  const orgIds = (await listKeyNames(env.CONFIG, ORG_RECORD_PREFIX)).map(orgIdOfKey).filter((id) => id !== null);
  const run: RefreshRun = { orgs: 0 };
  const queue = [...orgIds];
  const worker = async () => {
    for (let orgId = queue.shift(); orgId !== undefined; orgId = queue.shift()) {
      const result = await refreshOrgMetadata(env, orgId, nowMs, deps).catch((error: unknown) => {
        // A record that does not parse, or a KV or Durable Object failure: reported, and the next org runs.
        console.error("metadata refresh", orgId, error instanceof Error ? error.message : String(error));
        return null;
      });
      if (result === null) continue;
      run.orgs++;
      run[result] = (run[result] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return run;
}

/**
 * Refreshes one organization's IdP metadata from its `metadataUrl` through the SSRF-safe fetch; null when there is
 * nothing to refresh (no organization, no IdP, or pasted metadata). What changes:
 * - new signing certificates are added, vanished ones kept for the grace period, then dropped;
 * - a changed entity ID or SSO URL is held as `pending`, never applied (an admin answers with PATCH …/sso);
 * - pinned: the document is fetched and compared, the outcome logged, nothing else changes.
 * A failed fetch or an invalid document leaves the configuration as it was. Every outcome goes to the org log.
 */
export async function refreshOrgMetadata(env: AppEnv, orgId: string, nowMs: number, deps: RefreshDeps = {}): Promise<MetadataRefreshResult | null> {
  const before = await getOrgRecord(env.CONFIG, orgId);
  const metadataUrl = before?.idp?.metadataUrl;
  if (!before?.idp || metadataUrl === undefined) return null;
  const fetchFn = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  let fetched: ReturnType<typeof parseIdpMetadata>;
  try {
    const xml = await fetchMetadataDocument(metadataUrl, { fetch: fetchFn, allowLoopback: env.ALLOW_LOOPBACK_UPSTREAMS });
    fetched = parseIdpMetadata(xml, nowMs);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const record = await getOrgRecord(env.CONFIG, orgId);
    if (record?.idp?.metadataUrl === metadataUrl) await saveState(env, record, record.idp, nowMs, "failed");
    await log(env, orgId, nowMs, {
      event: METADATA_REFRESH_EVENTS.failed,
      code: error.code,
      message: `the IdP metadata could not be refreshed; the configuration is unchanged: ${error.message}`,
      details: { metadataUrl, ...error.details },
    });
    return "failed";
  }
  // Read again after the fetch (up to 8 s): an admin's change in the meantime is kept, not overwritten.
  const record = await getOrgRecord(env.CONFIG, orgId);
  if (!record?.idp || record.idp.metadataUrl !== metadataUrl) return null;
  const settings = ssoSettingsOf(record);
  const plan = planMetadataRefresh(record.idp, fetched, nowMs, settings.refresh.pending);

  if (settings.refresh.pinned) {
    await saveState(env, record, record.idp, nowMs, "pinned");
    const differs = plan.kind === "identity" || plan.changed;
    await log(env, orgId, nowMs, {
      event: METADATA_REFRESH_EVENTS.refreshed,
      message: differs ? "the IdP metadata is pinned: it differs from the configuration, nothing was applied" : "the IdP metadata is pinned and unchanged",
      details: {
        result: "pinned",
        differs,
        ...(plan.kind === "identity" ? { entityId: plan.pending.entityId } : certificateDetails(plan.changes)),
      },
    });
    return "pinned";
  }
  if (plan.kind === "identity") {
    await saveState(env, record, record.idp, nowMs, "pending", plan.pending);
    await log(env, orgId, nowMs, {
      event: METADATA_REFRESH_EVENTS.pending,
      message: "the IdP metadata names another entity ID or SSO URL: nothing was applied, an admin must accept it (PATCH /sso {acceptPending})",
      details: {
        entityId: plan.pending.entityId,
        storedEntityId: record.idp.entityId,
        ssoUrlChanged: plan.pending.ssoUrlRedirect !== record.idp.ssoUrlRedirect || plan.pending.ssoUrlPost !== record.idp.ssoUrlPost,
        certificates: plan.pending.certificates.map((certificate) => certificate.fingerprintSha256),
      },
    });
    return "pending";
  }
  const result = plan.changed ? "updated" : "unchanged";
  // A held change the document no longer makes is gone with it: the IdP is back to what was imported.
  await saveState(env, record, plan.idp, nowMs, result);
  await log(env, orgId, nowMs, {
    event: METADATA_REFRESH_EVENTS.refreshed,
    message: plan.changed ? "the IdP metadata was refreshed: its signing certificates changed" : "the IdP metadata was refreshed: unchanged",
    details: { result, ...certificateDetails(plan.changes) },
  });
  return result;
}

/** Stores the configuration and the refresh state; `pending` replaces any held change (absent: none is held). */
async function saveState(
  env: AppEnv,
  record: OrgRecord,
  idp: IdpConfig,
  nowMs: number,
  lastResult: MetadataRefreshResult,
  pending?: SsoSettings["refresh"]["pending"],
): Promise<void> {
  const current = ssoSettingsOf(record);
  // A failure or a pinned run says nothing about a held change: it stays held.
  const held = lastResult === "failed" || lastResult === "pinned" ? current.refresh.pending : pending;
  const refresh = { pinned: current.refresh.pinned, lastAt: new Date(nowMs).toISOString(), lastResult, ...(held ? { pending: held } : {}) };
  await putOrgRecord(env.CONFIG, { ...record, idp, sso: { options: current.options, refresh } });
}

function certificateDetails(changes: CertificateChanges): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).filter(([, list]) => list.length > 0));
}

function log(env: AppEnv, orgId: string, nowMs: number, entry: Omit<NewLogEntry, "budget">): Promise<void> {
  // Caused by the cron and a URL an admin chose, never by an unauthenticated sender.
  return orgStore(env, orgId).log({ ...entry, budget: "authenticated" }, nowMs);
}
