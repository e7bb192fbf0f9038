/**
 * The metadata refresh and what it must not do by itself (worker/src/org/metadata-refresh.ts): a new entity ID or
 * SSO URL waits for an admin, pinning stops every change, and a failed fetch or a bad document changes nothing.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SsoViewSchema } from "../../../shared/sso";
import { loadEnv } from "../../../worker/src/env";
import { refreshOrgMetadata } from "../../../worker/src/org/metadata-refresh";
import { api, BOOTSTRAP } from "../support/api";
import {
  ENTITY_ID,
  fingerprint,
  HOUR,
  MetadataEndpoint,
  metadata,
  newCert,
  oldCert,
  orgLog,
  refresh,
  SSO_URL,
  setUpCertificates,
  stored,
  storedFingerprints,
  urlImportedOrg,
} from "./support/metadata-refresh";

setUpCertificates();

const OTHER_ENTITY = "http://www.okta.com/exkSWAPPED";
const OTHER_SSO = "https://evil.example/sso/saml";
const patch = (orgId: string, json: unknown) => api(`/api/orgs/${orgId}/sso`, { method: "PATCH", headers: BOOTSTRAP, json });
const view = async (orgId: string) => SsoViewSchema.parse(await (await api(`/api/orgs/${orgId}/sso`, { headers: BOOTSTRAP })).json());

describe("metadata refresh: a new entity ID or SSO URL is held for an admin", () => {
  for (const [what, change] of [
    ["entity ID", { entityId: OTHER_ENTITY }],
    ["SSO URL", { ssoUrl: OTHER_SSO }],
  ] as const) {
    it(`a changed ${what} is recorded as pending, and nothing of the document is applied`, async () => {
      const orgId = await urlImportedOrg([oldCert]);
      const before = (await stored(orgId)).idp;
      const endpoint = new MetadataEndpoint();
      endpoint.answer = metadata([newCert], change);
      const now = Date.now();
      expect(await refresh(orgId, now, endpoint)).toBe("pending");
      const after = await stored(orgId);
      // Not even the new certificate: it came with the changed identity.
      expect(after.idp).toEqual(before);
      expect(after.sso?.refresh.pending).toMatchObject({ entityId: change.entityId ?? ENTITY_ID, detectedAt: new Date(now).toISOString() });
      const got = await view(orgId);
      expect(got.refresh?.lastResult).toBe("pending");
      expect(got.refresh?.pending?.fingerprints).toEqual([await fingerprint(newCert)]);
      const [entry] = await orgLog(orgId);
      expect(entry?.event).toBe("sso.metadata_change_pending");
    });
  }

  it("seen again, the pending change keeps the time it was first seen", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([oldCert], { entityId: OTHER_ENTITY });
    const t0 = Date.now();
    await refresh(orgId, t0, endpoint);
    await refresh(orgId, t0 + 6 * HOUR, endpoint);
    expect((await stored(orgId)).sso?.refresh.pending?.detectedAt).toBe(new Date(t0).toISOString());
  });

  it("PATCH {acceptPending: true} applies the held document, audited as sso_update", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([newCert], { entityId: OTHER_ENTITY, ssoUrl: OTHER_SSO });
    await refresh(orgId, Date.now(), endpoint);
    const response = await patch(orgId, { acceptPending: true });
    expect(response.status).toBe(200);
    const got = SsoViewSchema.parse(await response.json());
    expect(got.configured && got.entityId).toBe(OTHER_ENTITY);
    expect(got.configured && got.ssoUrl).toBe(OTHER_SSO);
    expect(got.refresh?.pending).toBeUndefined();
    const record = await stored(orgId);
    expect(record.idp?.metadataUrl).toBeDefined();
    expect(await storedFingerprints(orgId)).toEqual([await fingerprint(newCert)]);
    const audit = (await (await api(`/api/orgs/${orgId}/audit`, { headers: BOOTSTRAP })).json()) as { entries: { action: string; changes?: unknown }[] };
    const accepted = audit.entries.find((entry) => entry.action === "sso_update" && JSON.stringify(entry.changes).includes(OTHER_ENTITY));
    expect(accepted).toBeDefined();
    // The next refresh of the same document is now unchanged.
    expect(await refresh(orgId, Date.now(), endpoint)).toBe("unchanged");
  });

  it("PATCH {acceptPending: false} drops the held change and keeps the configuration", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const before = (await stored(orgId)).idp;
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([oldCert], { entityId: OTHER_ENTITY });
    await refresh(orgId, Date.now(), endpoint);
    expect((await patch(orgId, { acceptPending: false })).status).toBe(200);
    const after = await stored(orgId);
    expect(after.idp).toEqual(before);
    expect(after.sso?.refresh.pending).toBeUndefined();
  });

  it("a held change the IdP takes back is cleared by the next refresh", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([oldCert], { ssoUrl: OTHER_SSO });
    await refresh(orgId, Date.now(), endpoint);
    endpoint.answer = metadata([oldCert], { ssoUrl: SSO_URL });
    expect(await refresh(orgId, Date.now(), endpoint)).toBe("unchanged");
    expect((await stored(orgId)).sso?.refresh.pending).toBeUndefined();
  });
});

describe("metadata refresh: pinned", () => {
  it("pinned: the document is fetched and reported, nothing changes (no certificate, no pending)", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    expect((await patch(orgId, { pinned: true })).status).toBe(200);
    const before = (await stored(orgId)).idp;
    const endpoint = new MetadataEndpoint();
    for (const document of [metadata([newCert]), metadata([oldCert], { entityId: OTHER_ENTITY })]) {
      endpoint.answer = document;
      expect(await refresh(orgId, Date.now() + 48 * HOUR, endpoint)).toBe("pinned");
      const after = await stored(orgId);
      expect(after.idp).toEqual(before);
      expect(after.sso?.refresh).toMatchObject({ pinned: true, lastResult: "pinned" });
      expect(after.sso?.refresh.pending).toBeUndefined();
      const [entry] = await orgLog(orgId);
      expect(entry).toMatchObject({ event: "sso.metadata_refreshed", details: { result: "pinned", differs: true } });
    }
    expect(endpoint.urls).toHaveLength(2);
    // Unpinned, the next refresh applies the rollover.
    await patch(orgId, { pinned: false });
    endpoint.answer = metadata([oldCert, newCert]);
    expect(await refresh(orgId, Date.now(), endpoint)).toBe("updated");
  });
});

describe("metadata refresh: failures change nothing and are logged", () => {
  for (const [what, answer, code] of [
    ["a network failure", new TypeError("connection refused"), "metadata_fetch_failed"],
    ["an HTTP error", 503, "metadata_fetch_failed"],
    ["a document that is not XML", "<html>maintenance", "metadata_invalid"],
    ["a document without a signing certificate", '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>', "metadata_invalid"],
  ] as const) {
    it(`${what}: ${code} in the org log, the configuration untouched`, async () => {
      const orgId = await urlImportedOrg([oldCert, newCert]);
      const before = (await stored(orgId)).idp;
      const endpoint = new MetadataEndpoint();
      endpoint.answer = answer;
      expect(await refresh(orgId, Date.now() + 48 * HOUR, endpoint)).toBe("failed");
      const after = await stored(orgId);
      expect(after.idp).toEqual(before);
      expect(after.sso?.refresh.lastResult).toBe("failed");
      const [entry] = await orgLog(orgId);
      expect(entry).toMatchObject({ event: "sso.metadata_refresh_failed", code });
    });
  }

  it("a URL the safe fetch refuses (a redirect to a private address) is never followed", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    const redirecting = (async (input: RequestInfo | URL) => {
      endpoint.urls.push(String(input));
      return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data" } });
    }) as typeof fetch;
    expect(await refreshOrgMetadata(loadEnv(env), orgId, Date.now(), { fetch: redirecting })).toBe("failed");
    expect(endpoint.urls).toHaveLength(1);
    const [entry] = await orgLog(orgId);
    expect(entry).toMatchObject({ event: "sso.metadata_refresh_failed", code: "metadata_url_rejected" });
  });

  it("a failure keeps a held change", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([oldCert], { entityId: OTHER_ENTITY });
    await refresh(orgId, Date.now(), endpoint);
    endpoint.answer = 500;
    await refresh(orgId, Date.now(), endpoint);
    expect((await stored(orgId)).sso?.refresh.pending?.entityId).toBe(OTHER_ENTITY);
  });
});
