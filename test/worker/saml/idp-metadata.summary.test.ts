/** summarizeIdpConfig and SsoConfigInputSchema: what the API says about and accepts for an IdP configuration. */
import { describe, expect, it } from "vitest";
import { type IdpConfig, SsoConfigInputSchema, SsoSummarySchema } from "../../../shared/sso";
import { parseIdpMetadata, summarizeIdpConfig } from "../../../worker/src/saml/idp-metadata";
import { buildIdpMetadataXml } from "../../support/idp";
import { current, ENTITY_ID, NOW, next, SSO_URL, setUpIdentities } from "./support/idp-metadata";

setUpIdentities();

describe("summarizeIdpConfig", () => {
  const config = (): IdpConfig => ({
    entityId: ENTITY_ID,
    ssoUrlRedirect: "https://acme.okta.com/redirect",
    ssoUrlPost: "https://acme.okta.com/post",
    certificates: [
      {
        base64: current.certBase64,
        fingerprintSha256: `${"AB:".repeat(31)}AB`,
        notBefore: "2024-01-01T00:00:00.000Z",
        notAfter: "2034-01-01T00:00:00.000Z",
        subject: "CN=acme",
      },
    ],
    metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata",
    fetchedAt: "2026-01-15T12:00:00.000Z",
  });

  it("prefers the Redirect endpoint and leaves out the DER", () => {
    const summary = summarizeIdpConfig(config(), NOW);
    expect(SsoSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toEqual({
      entityId: ENTITY_ID,
      ssoUrl: "https://acme.okta.com/redirect",
      certificates: [
        {
          fingerprintSha256: `${"AB:".repeat(31)}AB`,
          notBefore: "2024-01-01T00:00:00.000Z",
          notAfter: "2034-01-01T00:00:00.000Z",
          subject: "CN=acme",
          expired: false,
          fingerprint: `${"AB:".repeat(31)}AB`,
          // 2026-01-15T12:00Z to 2034-01-01T00:00Z: 2907 whole days.
          daysLeft: 2907,
          source: "metadata",
        },
      ],
      metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata",
      fetchedAt: "2026-01-15T12:00:00.000Z",
    });
  });

  it("falls back to the POST endpoint and omits an absent metadataUrl", () => {
    const { ssoUrlRedirect: _redirect, metadataUrl: _url, ...postOnly } = config();
    const summary = summarizeIdpConfig(postOnly, NOW);
    expect(summary.ssoUrl).toBe("https://acme.okta.com/post");
    expect(summary).not.toHaveProperty("metadataUrl");
  });

  it("flags a certificate as expired from its notAfter on", () => {
    const notAfter = Date.parse("2034-01-01T00:00:00.000Z");
    expect(summarizeIdpConfig(config(), notAfter - 1).certificates[0]!.expired).toBe(false);
    expect(summarizeIdpConfig(config(), notAfter).certificates[0]!.expired).toBe(true);
  });

  it("summarizes what parseIdpMetadata produced", () => {
    const certsBase64 = [current.certBase64, next.certBase64];
    const xml = buildIdpMetadataXml({ entityId: ENTITY_ID, ssoUrl: SSO_URL, certsBase64 });
    const summary = summarizeIdpConfig({ ...parseIdpMetadata(xml, NOW), fetchedAt: new Date(NOW).toISOString() }, NOW);
    expect(SsoSummarySchema.safeParse(summary).success).toBe(true);
    expect(summary.certificates).toHaveLength(2);
    expect(JSON.stringify(summary)).not.toContain(current.certBase64.slice(0, 40));
  });
});

describe("SsoConfigInputSchema", () => {
  it.each([
    { metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" },
    { metadataUrl: "http://127.0.0.1:8787/metadata", allowIdpInitiated: false },
    { metadataXml: "<md:EntityDescriptor/>", allowIdpInitiated: true },
  ])("accepts %j", (input) => {
    expect(SsoConfigInputSchema.safeParse(input).success).toBe(true);
  });

  it.each([
    ["neither source", {}],
    ["both sources", { metadataUrl: "https://acme.okta.com/metadata", metadataXml: "<x/>" }],
    ["an unknown key", { metadataUrl: "https://acme.okta.com/metadata", metadataURL: "https://x.example.com" }],
    ["a non-URL", { metadataUrl: "acme.okta.com/metadata" }],
    ["a non-http scheme", { metadataUrl: "file:///etc/passwd" }],
    ["an empty document", { metadataXml: "" }],
    ["a document over 512 KiB", { metadataXml: "a".repeat(512 * 1024 + 1) }],
    ["a document over 512 KiB in UTF-8 bytes only", { metadataXml: "é".repeat(256 * 1024 + 1) }],
    ["a non-boolean allowIdpInitiated", { metadataXml: "<x/>", allowIdpInitiated: "yes" }],
  ])("refuses %s", (_case, input) => {
    expect(SsoConfigInputSchema.safeParse(input).success).toBe(false);
  });

  it("accepts a document of exactly 512 KiB", () => {
    expect(SsoConfigInputSchema.safeParse({ metadataXml: "a".repeat(512 * 1024) }).success).toBe(true);
  });
});
