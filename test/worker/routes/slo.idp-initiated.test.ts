import { verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestIdp } from "../../support/idp";
import { inflateBase64, logoutRequestXml, redirectMessage, signLogoutXml, withSloEndpoints } from "../../support/idp/logout";
import { api, BASE, BOOTSTRAP, createOrg, errorCode, signIn, testIdp } from "../support/api";
import { spCertificatePem } from "../support/sp-certificates";

const IDP_SLO = "https://persona-test.okta.com/app/exk/slo/saml";

async function sloOrg(singleLogout = true) {
  const idp = await testIdp();
  const org = await createOrg();
  const put = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataXml: withSloEndpoints(idp.metadataXml(), IDP_SLO) } });
  expect(put.status).toBe(200);
  if (singleLogout) expect((await api(`/api/orgs/${org.id}/sso`, { method: "PATCH", headers: BOOTSTRAP, json: { singleLogout: true } })).status).toBe(200);
  return { idp, org, sloUrl: `${BASE}/${org.id}/slo` };
}

const me = async (cookie: string) => (await api("/api/me", { headers: { cookie } })).status;

const spSigningCert = (orgId: string) => spCertificatePem(orgId, "signing");

describe("IdP-initiated single logout", () => {
  it("ends only that user's sessions and answers a signed LogoutResponse that verifies with the SP certificate", async () => {
    const { idp, org, sloUrl } = await sloOrg();
    const ada = await signIn(idp, org, "ada@example.com");
    const bob = await signIn(idp, org, "bob@example.com");
    const xml = logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date(), id: "_req1" });
    const query = await redirectMessage({ parameter: "SAMLRequest", xml, relayState: "rs", privateKeyPem: idp.identity.privateKeyPem });
    const response = await api(`/${org.id}/slo?${query}`);
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location.startsWith(`${IDP_SLO}?SAMLResponse=`)).toBe(true);
    const raw = location.split("?")[1]!;
    const [signed, signature] = raw.split("&Signature=") as [string, string];
    expect(verify("sha256", Buffer.from(signed), await spSigningCert(org.id), Buffer.from(decodeURIComponent(signature), "base64"))).toBe(true);
    const answer = await inflateBase64(new URL(location).searchParams.get("SAMLResponse")!);
    expect(answer).toContain('InResponseTo="_req1"');
    expect(answer).toContain("status:Success");
    expect(new URL(location).searchParams.get("RelayState")).toBe("rs");
    expect(await me(ada)).toBe(401);
    expect(await me(bob)).toBe(200);
  });

  it("HTTP-POST binding: the enveloped signature is verified with the pinned key", async () => {
    const { idp, org, sloUrl } = await sloOrg();
    const ada = await signIn(idp, org, "ada@example.com");
    const xml = signLogoutXml(
      logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
      idp.identity.privateKeyPem,
    );
    const response = await api(`/${org.id}/slo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLRequest: Buffer.from(xml).toString("base64") }).toString(),
    });
    expect(response.status).toBe(302);
    expect(await me(ada)).toBe(401);
  });

  it("a SessionIndex that is not the session's ends nothing", async () => {
    const { idp, org, sloUrl } = await sloOrg();
    const ada = await signIn(idp, org, "ada@example.com");
    const xml = logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date(), sessionIndexes: ["other"] });
    expect((await api(`/${org.id}/slo?${await redirectMessage({ parameter: "SAMLRequest", xml, privateKeyPem: idp.identity.privateKeyPem })}`)).status).toBe(
      302,
    );
    expect(await me(ada)).toBe(200);
  });

  describe("refusals (each keeps the session)", () => {
    const cases: Array<
      [string, string, (ctx: { idp: Awaited<ReturnType<typeof testIdp>>; sloUrl: string; other: Awaited<ReturnType<typeof createTestIdp>> }) => Promise<string>]
    > = [
      [
        "unsigned",
        "saml_signature_missing",
        async ({ idp, sloUrl }) =>
          redirectMessage({
            parameter: "SAMLRequest",
            xml: logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
          }),
      ],
      [
        "signed with another key",
        "saml_signature_invalid",
        async ({ idp, sloUrl, other }) =>
          redirectMessage({
            parameter: "SAMLRequest",
            xml: logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
            privateKeyPem: other.identity.privateKeyPem,
          }),
      ],
      [
        "tampered query (RelayState changed after signing)",
        "saml_signature_invalid",
        async ({ idp, sloUrl }) =>
          (
            await redirectMessage({
              parameter: "SAMLRequest",
              xml: logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
              relayState: "a",
              privateKeyPem: idp.identity.privateKeyPem,
            })
          ).replace("RelayState=a", "RelayState=b"),
      ],
      [
        "wrong issuer",
        "saml_issuer_mismatch",
        async ({ idp, sloUrl }) =>
          redirectMessage({
            parameter: "SAMLRequest",
            xml: logoutRequestXml({ issuer: "http://www.okta.com/other", destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
            privateKeyPem: idp.identity.privateKeyPem,
          }),
      ],
      [
        "wrong destination",
        "saml_destination_mismatch",
        async ({ idp }) =>
          redirectMessage({
            parameter: "SAMLRequest",
            xml: logoutRequestXml({ issuer: idp.entityId, destination: `${BASE}/other/slo`, nameId: "ada@example.com", now: new Date() }),
            privateKeyPem: idp.identity.privateKeyPem,
          }),
      ],
      [
        "issued too long ago",
        "saml_expired",
        async ({ idp, sloUrl }) =>
          redirectMessage({
            parameter: "SAMLRequest",
            xml: logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date(Date.now() - 10 * 60_000) }),
            privateKeyPem: idp.identity.privateKeyPem,
          }),
      ],
      [
        "past its NotOnOrAfter",
        "saml_expired",
        async ({ idp, sloUrl }) =>
          redirectMessage({
            parameter: "SAMLRequest",
            xml: logoutRequestXml({
              issuer: idp.entityId,
              destination: sloUrl,
              nameId: "ada@example.com",
              now: new Date(),
              notOnOrAfter: new Date(Date.now() - 5 * 60_000),
            }),
            privateKeyPem: idp.identity.privateKeyPem,
          }),
      ],
    ];
    for (const [name, code, build] of cases) {
      it(`${name}: ${code}`, async () => {
        const { idp, org, sloUrl } = await sloOrg();
        const other = await createTestIdp();
        const ada = await signIn(idp, org, "ada@example.com");
        const response = await api(`/${org.id}/slo?${await build({ idp, sloUrl, other })}`);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(await errorCode(response)).toBe(code);
        expect(await me(ada)).toBe(200);
      });
    }

    it("a replayed LogoutRequest: saml_replayed", async () => {
      const { idp, org, sloUrl } = await sloOrg();
      const query = await redirectMessage({
        parameter: "SAMLRequest",
        xml: logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
        privateKeyPem: idp.identity.privateKeyPem,
      });
      expect((await api(`/${org.id}/slo?${query}`)).status).toBe(302);
      const ada = await signIn(idp, org, "ada@example.com");
      const replay = await api(`/${org.id}/slo?${query}`);
      expect(await errorCode(replay)).toBe("saml_replayed");
      expect(await me(ada)).toBe(200);
    });

    it("single logout off: slo_disabled", async () => {
      const { idp, org, sloUrl } = await sloOrg(false);
      const query = await redirectMessage({
        parameter: "SAMLRequest",
        xml: logoutRequestXml({ issuer: idp.entityId, destination: sloUrl, nameId: "ada@example.com", now: new Date() }),
        privateKeyPem: idp.identity.privateKeyPem,
      });
      expect(await errorCode(await api(`/${org.id}/slo?${query}`))).toBe("slo_disabled");
    });
  });
});
