import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { api, BOOTSTRAP, createOrg, errorCode, orgWithSso, testIdp } from "../support/api";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";

describe("SP metadata and SP-initiated login", () => {
  it("GET /{org}/metadata: entityID is the metadata URL, HTTP-POST ACS, WantAssertionsSigned, email NameID", async () => {
    const org = await createOrg();
    const response = await api(`/${org.id}/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/samlmetadata\+xml/);
    const doc = new DOMParser().parseFromString(await response.text(), "text/xml");
    const entity = doc.getElementsByTagNameNS(MD, "EntityDescriptor").item(0)!;
    expect(entity.getAttribute("entityID")).toBe(`https://companion.test/${org.id}/metadata`);
    const sp = doc.getElementsByTagNameNS(MD, "SPSSODescriptor").item(0)!;
    expect(sp.getAttribute("WantAssertionsSigned")).toBe("true");
    const acs = doc.getElementsByTagNameNS(MD, "AssertionConsumerService").item(0)!;
    expect(acs.getAttribute("Location")).toBe(`https://companion.test/${org.id}/acs`);
    expect(acs.getAttribute("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    expect(doc.getElementsByTagNameNS(MD, "NameIDFormat").item(0)!.textContent).toBe("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  });

  it("GET /{org}/login redirects to the IdP with a deflated AuthnRequest for this org's ACS, and a fresh ID each time", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const ids = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await api(`/${org.id}/login?RelayState=${encodeURIComponent("/acme/")}`);
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location")!);
      expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
      expect(location.searchParams.get("RelayState")).toBe("/acme/");
      const bytes = Uint8Array.from(atob(location.searchParams.get("SAMLRequest")!), (ch) => ch.charCodeAt(0));
      const xml = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
      const request = new DOMParser().parseFromString(xml, "text/xml").documentElement!;
      expect(request.localName).toBe("AuthnRequest");
      expect(request.getAttribute("AssertionConsumerServiceURL")).toBe(org.acsUrl);
      expect(request.getAttribute("Destination")).toBe(idp.ssoUrl);
      expect(request.textContent).toContain(org.audienceUri);
      ids.add(request.getAttribute("ID")!);
    }
    expect(ids.size).toBe(2);
  });

  it("login and ACS before SSO is configured → 409 sso_not_configured", async () => {
    const org = await createOrg();
    const login = await api(`/${org.id}/login`);
    expect(login.status).toBe(409);
    expect(await errorCode(login)).toBe("sso_not_configured");
  });
});

describe("SSO configuration (Get metadata)", () => {
  it("PUT metadataXml pins every signing certificate and answers a summary; GET shows it", async () => {
    const idp = await testIdp();
    const rollover = await createTestIdpCert();
    const org = await createOrg();
    const put = await api(`/api/orgs/${org.id}/sso`, {
      method: "PUT",
      headers: BOOTSTRAP,
      json: { metadataXml: idp.metadataXml({ additionalCertsBase64: [rollover] }) },
    });
    expect(put.status).toBe(200);
    const summary = (await put.json()) as {
      entityId: string;
      ssoUrl: string;
      certificates: Array<{ fingerprintSha256: string; notAfter: string }>;
      sp: { acsUrl: string };
    };
    expect(summary.entityId).toBe(idp.entityId);
    expect(summary.ssoUrl).toBe(idp.ssoUrl);
    expect(summary.certificates).toHaveLength(2);
    expect(summary.certificates[0]!.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(summary.sp.acsUrl).toBe(org.acsUrl);
    expect(JSON.stringify(summary)).not.toContain(idp.identity.certBase64.slice(0, 40));
    const get = (await (await api(`/api/orgs/${org.id}/sso`, { headers: BOOTSTRAP })).json()) as { configured: boolean; entityId: string };
    expect(get).toMatchObject({ configured: true, entityId: idp.entityId });
  });

  it("invalid metadata is refused with 400 metadata_invalid and the previous configuration stays", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const bad = await api(`/api/orgs/${org.id}/sso`, {
      method: "PUT",
      headers: BOOTSTRAP,
      json: { metadataXml: "<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata' entityID='x'/>" },
    });
    expect(bad.status).toBe(400);
    expect(await errorCode(bad)).toBe("metadata_invalid");
    const both = await api(`/api/orgs/${org.id}/sso`, {
      method: "PUT",
      headers: BOOTSTRAP,
      json: { metadataXml: idp.metadataXml(), metadataUrl: "https://x.okta.com/m" },
    });
    expect(await errorCode(both)).toBe("invalid_request");
    const get = (await (await api(`/api/orgs/${org.id}/sso`, { headers: BOOTSTRAP })).json()) as { entityId: string };
    expect(get.entityId).toBe(idp.entityId);
  });

  it("metadataUrl pointing at private or non-https addresses is refused before any fetch", async () => {
    const org = await createOrg();
    for (const metadataUrl of [
      "https://10.0.0.7/metadata",
      "https://169.254.169.254/latest",
      "http://example.com/metadata",
      "https://user:pw@example.okta.com/m",
    ]) {
      const response = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataUrl } });
      expect(response.status, metadataUrl).toBe(400);
      expect(await errorCode(response)).toBe("metadata_url_rejected");
    }
  });
});

async function createTestIdpCert(): Promise<string> {
  const { generateSigningIdentity } = await import("../../support/idp");
  return (await generateSigningIdentity()).certBase64;
}

describe("Get metadata over the network (the real fetch path, against the loopback fake IdP)", () => {
  it("PUT metadataUrl fetches, pins and remembers the URL; running it again refreshes", async () => {
    const { inject } = await import("vitest");
    const metadataUrl = inject("fakeIdpMetadataUrl");
    const org = await createOrg();
    for (let i = 0; i < 2; i++) {
      const response = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataUrl } });
      expect(response.status).toBe(200);
      const summary = (await response.json()) as { entityId: string; metadataUrl: string; certificates: unknown[]; fetchedAt: string };
      expect(summary.entityId).toBe(inject("fakeIdpEntityId"));
      expect(summary.metadataUrl).toBe(metadataUrl);
      expect(summary.certificates).toHaveLength(1);
    }
  });
});
