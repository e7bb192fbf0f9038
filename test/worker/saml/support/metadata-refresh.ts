/**
 * Shared pieces of the metadata refresh tests (worker/src/org/metadata-refresh.ts): an organization whose metadata
 * "came from a URL", a fake metadata endpoint whose answer each test sets, and readers of what was stored and logged.
 */
import { env } from "cloudflare:test";
import { beforeAll } from "vitest";
import { OrgLogPageSchema } from "../../../../shared/org-log";
import { loadEnv } from "../../../../worker/src/env";
import { refreshOrgMetadata } from "../../../../worker/src/org/metadata-refresh";
import { getOrgRecord, type OrgRecord, putOrgRecord } from "../../../../worker/src/storage/org-config";
import { buildIdpMetadataXml, generateSigningIdentity, type SigningIdentity } from "../../../support/idp";
import { api, BOOTSTRAP, createOrg } from "../../support/api";
import { sha256Fingerprint } from "./idp-metadata";

export const METADATA_URL = "https://idp.example.test/app/exk1/sso/saml/metadata";
export const ENTITY_ID = "http://www.okta.com/exk1refresh";
export const SSO_URL = "https://acme.okta.com/app/acme_1/exk1refresh/sso/saml";
export const HOUR = 3_600_000;

export let oldCert: SigningIdentity;
export let newCert: SigningIdentity;

/** The file-level hook: two signing certificates (ES256: key generation is fast). */
export function setUpCertificates(): void {
  beforeAll(async () => {
    oldCert = await generateSigningIdentity({ algorithm: "ES256", commonName: "acme-old" });
    newCert = await generateSigningIdentity({ algorithm: "ES256", commonName: "acme-new" });
  });
}

export const fingerprint = (identity: SigningIdentity) => sha256Fingerprint(identity.certBase64);

export function metadata(certs: SigningIdentity[], overrides: { entityId?: string; ssoUrl?: string } = {}): string {
  return buildIdpMetadataXml({
    entityId: overrides.entityId ?? ENTITY_ID,
    ssoUrl: overrides.ssoUrl ?? SSO_URL,
    certsBase64: certs.map((cert) => cert.certBase64),
  });
}

/** The IdP's metadata endpoint: answers `answer` (a document, an HTTP status, or a network failure). */
export class MetadataEndpoint {
  answer: string | number | Error = "";
  readonly urls: string[] = [];
  readonly fetch = (async (input: RequestInfo | URL) => {
    this.urls.push(String(input));
    if (this.answer instanceof Error) throw this.answer;
    if (typeof this.answer === "number") return new Response("no", { status: this.answer });
    return new Response(this.answer, { headers: { "content-type": "application/samlmetadata+xml" } });
  }) as typeof fetch;
}

/** An organization that imported `certs` "from {@link METADATA_URL}": pasted through the API, then the URL set. */
export async function urlImportedOrg(certs: SigningIdentity[]): Promise<string> {
  const org = await createOrg();
  const put = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataXml: metadata(certs) } });
  if (put.status !== 200) throw new Error(`sso: ${put.status} ${await put.text()}`);
  const record = await stored(org.id);
  await putOrgRecord(env.CONFIG, { ...record, idp: { ...record.idp!, metadataUrl: METADATA_URL } });
  return org.id;
}

export async function stored(orgId: string): Promise<OrgRecord> {
  const record = await getOrgRecord(env.CONFIG, orgId);
  if (!record) throw new Error(`no record for ${orgId}`);
  return record;
}

export const storedFingerprints = async (orgId: string) => (await stored(orgId)).idp!.certificates.map((c) => c.fingerprintSha256);

export function refresh(orgId: string, nowMs: number, endpoint: MetadataEndpoint) {
  return refreshOrgMetadata(loadEnv(env), orgId, nowMs, { fetch: endpoint.fetch });
}

/** The organization's log, newest first. */
export async function orgLog(orgId: string) {
  const response = await api(`/api/orgs/${orgId}/log`, { headers: BOOTSTRAP });
  if (response.status !== 200) throw new Error(`log: ${response.status}`);
  return OrgLogPageSchema.parse(await response.json()).entries;
}
