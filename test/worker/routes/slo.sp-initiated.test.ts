import { verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inflateBase64, logoutResponseXml, redirectMessage, signLogoutXml, withSloEndpoints } from "../../support/idp/logout";
import { api, BASE, BOOTSTRAP, createOrg, errorCode, postAcs, sessionCookie, testIdp, validFor } from "../support/api";
import { spCertificatePem } from "../support/sp-certificates";

const IDP_SLO = "https://persona-test.okta.com/app/exk/slo/saml";

async function sloOrg(singleLogout: boolean) {
  const idp = await testIdp();
  const org = await createOrg();
  await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataXml: withSloEndpoints(idp.metadataXml(), IDP_SLO) } });
  if (singleLogout) await api(`/api/orgs/${org.id}/sso`, { method: "PATCH", headers: BOOTSTRAP, json: { singleLogout: true } });
  const acs = await postAcs(org.id, await idp.samlResponse(validFor(org, { sessionIndex: "okta-session-7" })));
  return { idp, org, cookie: sessionCookie(acs)!, sloUrl: `${BASE}/${org.id}/slo` };
}

const logout = (cookie: string) => api("/api/logout", { method: "POST", headers: { cookie, origin: BASE, accept: "text/html" } });

const spSigningCert = (orgId: string) => spCertificatePem(orgId, "signing");

describe("SP-initiated single logout", () => {
  it("SLO on: ends the session and sends a signed LogoutRequest (NameID, SessionIndex) that verifies with the SP cert", async () => {
    const { org, cookie } = await sloOrg(true);
    const response = await logout(cookie);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location.startsWith(`${IDP_SLO}?SAMLRequest=`)).toBe(true);
    const [signed, signature] = location.split("?")[1]!.split("&Signature=") as [string, string];
    expect(verify("sha256", Buffer.from(signed), await spSigningCert(org.id), Buffer.from(decodeURIComponent(signature), "base64"))).toBe(true);
    const xml = await inflateBase64(new URL(location).searchParams.get("SAMLRequest")!);
    expect(xml).toContain(">ada@example.com</saml:NameID>");
    expect(xml).toContain("<samlp:SessionIndex>okta-session-7</samlp:SessionIndex>");
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("SLO off: just ends the session", async () => {
    const { cookie } = await sloOrg(false);
    const response = await logout(cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
  });

  it("the IdP's LogoutResponse lands on the signed-out page once; a reused or unknown InResponseTo is refused", async () => {
    const { idp, org, cookie, sloUrl } = await sloOrg(true);
    const location = (await logout(cookie)).headers.get("location")!;
    const requestId = /ID="([^"]+)"/.exec(await inflateBase64(new URL(location).searchParams.get("SAMLRequest")!))![1]!;
    const answer = (inResponseTo: string) => {
      const xml = signLogoutXml(logoutResponseXml({ issuer: idp.entityId, destination: sloUrl, inResponseTo, now: new Date() }), idp.identity.privateKeyPem);
      return api(`/${org.id}/slo`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ SAMLResponse: Buffer.from(xml).toString("base64") }).toString(),
      });
    };
    const first = await answer(requestId);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Signed out");
    expect(await errorCode(await answer(requestId))).toBe("saml_in_response_to_unknown");
    expect(await errorCode(await answer("_never_issued"))).toBe("saml_in_response_to_unknown");
  });

  it("an unsigned LogoutResponse is refused", async () => {
    const { idp, org, cookie, sloUrl } = await sloOrg(true);
    await logout(cookie);
    const xml = logoutResponseXml({ issuer: idp.entityId, destination: sloUrl, inResponseTo: "_x", now: new Date() });
    expect(await errorCode(await api(`/${org.id}/slo?${await redirectMessage({ parameter: "SAMLResponse", xml })}`))).toBe("saml_signature_missing");
  });

  it("/{org}/sp-signing.crt serves the metadata's signing certificate as PEM (Okta's Signature Certificate)", async () => {
    const { org } = await sloOrg(true);
    const response = await api(`/${org.id}/sp-signing.crt`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(await spSigningCert(org.id));
  });
});
