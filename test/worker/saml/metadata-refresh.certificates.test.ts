/**
 * The metadata refresh and certificates (worker/src/org/metadata-refresh.ts, saml/metadata-refresh-merge.ts): a
 * rollover is picked up by nobody's hand, a certificate that vanished still verifies for the grace period, then not.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { putOrgRecord } from "../../../worker/src/storage/org-config";
import { api, BOOTSTRAP } from "../support/api";
import {
  fingerprint,
  HOUR,
  METADATA_URL,
  MetadataEndpoint,
  metadata,
  newCert,
  oldCert,
  orgLog,
  refresh,
  setUpCertificates,
  stored,
  storedFingerprints,
  urlImportedOrg,
} from "./support/metadata-refresh";

setUpCertificates();

describe("metadata refresh: signing certificates", () => {
  it("an unchanged document changes nothing and is logged as unchanged", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const before = await stored(orgId);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([oldCert]);
    const now = Date.now();
    expect(await refresh(orgId, now, endpoint)).toBe("unchanged");
    expect(endpoint.urls).toEqual([METADATA_URL]);
    const after = await stored(orgId);
    expect(after.idp).toEqual(before.idp);
    expect(after.sso?.refresh).toEqual({ pinned: false, lastAt: new Date(now).toISOString(), lastResult: "unchanged" });
    const [entry] = await orgLog(orgId);
    expect(entry).toMatchObject({ event: "sso.metadata_refreshed", details: { result: "unchanged" } });
  });

  it("rollover: a new certificate is added next to the current one", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([oldCert, newCert]);
    expect(await refresh(orgId, Date.now(), endpoint)).toBe("updated");
    expect(await storedFingerprints(orgId)).toEqual([await fingerprint(oldCert), await fingerprint(newCert)]);
    const [entry] = await orgLog(orgId);
    expect(entry).toMatchObject({ event: "sso.metadata_refreshed", details: { result: "updated", added: [expect.any(String)] } });
  });

  it("a certificate that disappears is kept for 24 hours, then dropped", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const endpoint = new MetadataEndpoint();
    endpoint.answer = metadata([newCert]);
    const t0 = Date.now();
    expect(await refresh(orgId, t0, endpoint)).toBe("updated");
    const kept = (await stored(orgId)).idp!.certificates;
    expect(kept.map((c) => c.fingerprintSha256)).toEqual([await fingerprint(newCert), await fingerprint(oldCert)]);
    expect(kept[1]!.missingSince).toBe(new Date(t0).toISOString());
    // The GET shows which one is in grace, and until when.
    const view = await api(`/api/orgs/${orgId}/sso`, { headers: BOOTSTRAP });
    const certificates = ((await view.json()) as { certificates: { source: string; graceUntil?: string }[] }).certificates;
    expect(certificates.map((c) => c.source)).toEqual(["metadata", "grace"]);
    expect(certificates[1]!.graceUntil).toBe(new Date(t0 + 24 * HOUR).toISOString());

    // Just inside the grace period: still trusted, and the first time it went missing is kept.
    expect(await refresh(orgId, t0 + 24 * HOUR - 1, endpoint)).toBe("unchanged");
    expect((await stored(orgId)).idp!.certificates[1]!.missingSince).toBe(new Date(t0).toISOString());
    // Grace over: dropped.
    expect(await refresh(orgId, t0 + 24 * HOUR, endpoint)).toBe("updated");
    expect(await storedFingerprints(orgId)).toEqual([await fingerprint(newCert)]);
    const [entry] = await orgLog(orgId);
    expect(entry).toMatchObject({ details: { result: "updated", dropped: [expect.any(String)] } });
  });

  it("a certificate back in the metadata during its grace is trusted as before", async () => {
    const orgId = await urlImportedOrg([oldCert, newCert]);
    const endpoint = new MetadataEndpoint();
    const t0 = Date.now();
    endpoint.answer = metadata([newCert]);
    await refresh(orgId, t0, endpoint);
    endpoint.answer = metadata([newCert, oldCert]);
    expect(await refresh(orgId, t0 + HOUR, endpoint)).toBe("updated");
    const certificates = (await stored(orgId)).idp!.certificates;
    expect(certificates.map((c) => c.missingSince)).toEqual([undefined, undefined]);
    // Much later, the same document again: nothing is dropped.
    expect(await refresh(orgId, t0 + 48 * HOUR, endpoint)).toBe("unchanged");
    expect(await storedFingerprints(orgId)).toHaveLength(2);
  });

  it("pasted metadata (no URL) is never refreshed", async () => {
    const orgId = await urlImportedOrg([oldCert]);
    const record = await stored(orgId);
    const { metadataUrl: _url, ...pasted } = record.idp!;
    await putOrgRecord(env.CONFIG, { ...record, idp: pasted });
    const endpoint = new MetadataEndpoint();
    expect(await refresh(orgId, Date.now(), endpoint)).toBeNull();
    expect(endpoint.urls).toEqual([]);
  });
});
