/**
 * Expiry warnings where admins and members see them: GET /api/orgs/{org}/sso (`warnings`, `certificates[].daysLeft`,
 * `keys`) and the `/{org}/` status page, at the 31/30/8/7-day edges.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SsoViewSchema } from "../../../shared/sso";
import { parseIdpMetadata } from "../../../worker/src/saml/idp-metadata";
import { getOrgRecord, putOrgRecord } from "../../../worker/src/storage/org-config";
import { buildIdpMetadataXml, generateSigningIdentity } from "../../support/idp";
import { apiServiceBody, createCredential, ssws } from "../credentials/support";
import { sha256Fingerprint } from "../saml/support/idp-metadata";
import { api, BOOTSTRAP, orgWithSso, provision, signIn, testIdp } from "../support/api";

const DAY = 86_400_000;
// An hour past the whole day, so that the seconds between writing and reading do not move the count.
const expiringIn = (days: number) =>
  generateSigningIdentity({ algorithm: "ES256", commonName: `in-${days}`, notAfter: new Date(Date.now() + days * DAY + 3_600_000) });

/** An organization whose IdP also lists certificates expiring in 31, 30, 8 and 7 days, and a signed-in viewer. */
async function orgWithExpiringCertificates() {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  const edges = await Promise.all([31, 30, 8, 7].map(expiringIn));
  const extra = parseIdpMetadata(
    buildIdpMetadataXml({ entityId: "http://x.example", ssoUrl: "https://x.example/sso", certsBase64: edges.map((e) => e.certBase64) }),
    Date.now(),
  ).certificates;
  const record = (await getOrgRecord(env.CONFIG, org.id))!;
  await putOrgRecord(env.CONFIG, { ...record, idp: { ...record.idp!, certificates: [...record.idp!.certificates, ...extra] } });
  await provision(org.id, "vera@example.com", "viewer");
  const cookie = await signIn(idp, org, "vera@example.com");
  const fingerprints = await Promise.all(edges.map((edge) => sha256Fingerprint(edge.certBase64)));
  return { org, cookie, fingerprints };
}

describe("expiry warnings", () => {
  it("GET /sso: days left on every certificate, warnings at 30 and 8 days, critical at 7, none at 31", async () => {
    const { org, fingerprints } = await orgWithExpiringCertificates();
    const view = SsoViewSchema.parse(await (await api(`/api/orgs/${org.id}/sso`, { headers: BOOTSTRAP })).json());
    if (!view.configured) throw new Error("not configured");
    const days = Object.fromEntries(view.certificates.map((c) => [c.fingerprint, c.daysLeft]));
    expect(fingerprints.map((fingerprint) => days[fingerprint])).toEqual([31, 30, 8, 7]);
    expect(view.warnings).toEqual([
      { kind: "idp_certificate", subject: fingerprints[3], daysLeft: 7, severity: "critical" },
      { kind: "idp_certificate", subject: fingerprints[2], daysLeft: 8, severity: "warning" },
      { kind: "idp_certificate", subject: fingerprints[1], daysLeft: 30, severity: "warning" },
    ]);
  });

  it("the /{org}/ status page shows the same warnings to a member", async () => {
    const { org, cookie } = await orgWithExpiringCertificates();
    const page = await (await api(`/${org.id}/`, { headers: { cookie } })).text();
    const severities = [...page.matchAll(/data-item="expiry-warning" data-kind="idp_certificate" data-severity="(\w+)"/g)].map((m) => m[1]);
    expect(severities).toEqual(["critical", "warning", "warning"]);
    expect(page).toContain("expires in 7 days");
    expect(page).not.toContain("expires in 31 days");
  });

  it("an Okta API-service signing key is listed without an expiry and never warns; an API token has no key", async () => {
    const org = await orgWithSso(await testIdp());
    await createCredential(org.id, { type: "okta_api_key", nickname: "Token", orgUrl: "https://acme.okta.com", token: ssws() });
    const created = await createCredential(org.id, apiServiceBody());
    const view = SsoViewSchema.parse(await (await api(`/api/orgs/${org.id}/sso`, { headers: BOOTSTRAP })).json());
    expect(view.keys).toEqual([{ kind: "okta_signing_key", subject: `${created.id}/${created.keys?.[0]?.kid}`, notAfter: null, daysLeft: null }]);
    expect(view.warnings).toEqual([]);
  });
});
