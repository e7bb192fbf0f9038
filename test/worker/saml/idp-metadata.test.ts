import { beforeAll, describe, expect, it } from "vitest";
import { AppError, type ErrorCode } from "../../../shared/errors";
import { type IdpConfig, IdpConfigSchema, SsoConfigInputSchema, SsoSummarySchema } from "../../../shared/sso";
import { parseIdpMetadata, summarizeIdpConfig } from "../../../worker/src/saml/idp-metadata";
import { buildIdpMetadataXml, generateSigningIdentity, type SigningIdentity, wrapLines } from "../../support/idp";

// A frozen clock: every validity decision below is relative to it.
const NOW = Date.parse("2026-01-15T12:00:00Z");
const NOT_BEFORE = new Date("2024-01-01T00:00:00Z");
const NOT_AFTER = new Date("2034-01-01T00:00:00Z");

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const SAML2 = "urn:oasis:names:tc:SAML:2.0:protocol";
const SAML11 = "urn:oasis:names:tc:SAML:1.1:protocol";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
const ARTIFACT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact";
const ENTITY_ID = "http://www.okta.com/exk1fcia6d6EMsf9p0h8";
const SSO_URL = "https://acme.okta.com/app/acme_personaoktacompanion_1/exk1fcia6d6EMsf9p0h8/sso/saml";

let current: SigningIdentity; // the IdP's signing certificate
let next: SigningIdentity; // the one a rollover adds
let encryption: SigningIdentity; // an encryption key that must never be pinned for signatures

beforeAll(async () => {
  current = await generateSigningIdentity({ commonName: "acme", notBefore: NOT_BEFORE, notAfter: NOT_AFTER });
  next = await generateSigningIdentity({ algorithm: "ES256", commonName: "acme-next" });
  encryption = await generateSigningIdentity({ algorithm: "ES256", commonName: "acme-encryption" });
});

// --- metadata built from parts, for the structural cases ------------------------------------------------------

const keyDescriptor = (base64: string, use: string | null = "signing", ds = DS) =>
  `<md:KeyDescriptor${use === null ? "" : ` use="${use}"`}><ds:KeyInfo xmlns:ds="${ds}"><ds:X509Data>` +
  `<ds:X509Certificate>${wrapLines(base64, 64)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const sso = (binding: string, location = SSO_URL) => `<md:SingleSignOnService Binding="${binding}" Location="${location}"/>`;
const bothSso = () => sso(POST) + sso(REDIRECT);
const idpDescriptor = (inner: string, protocols = SAML2) =>
  `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${protocols}">${inner}</md:IDPSSODescriptor>`;
const entity = (inner: string, attributes = `entityID="${ENTITY_ID}"`) => `<md:EntityDescriptor xmlns:md="${MD}" ${attributes}>${inner}</md:EntityDescriptor>`;
const entities = (inner: string, attributes = "") => `<md:EntitiesDescriptor xmlns:md="${MD}" ${attributes}>${inner}</md:EntitiesDescriptor>`;
const spEntity = (entityId: string) =>
  entity(
    `<md:SPSSODescriptor protocolSupportEnumeration="${SAML2}">` +
      `<md:AssertionConsumerService Binding="${POST}" Location="https://sp.example.com/acs" index="0"/>` +
      `</md:SPSSODescriptor>`,
    `entityID="${entityId}"`,
  );
/** A valid document; pieces are swapped out by the failure cases. */
const idpEntity = (inner?: string) => entity(idpDescriptor(inner ?? keyDescriptor(current.certBase64) + bothSso()));

function codeOf(run: () => unknown): ErrorCode | "returned" | "not an AppError" {
  try {
    run();
    return "returned";
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

async function sha256Fingerprint(base64: string): Promise<string> {
  const der = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

describe("parseIdpMetadata: Okta-shaped metadata", () => {
  it("reads entity ID, both SSO URLs and the line-wrapped signing certificate", async () => {
    const xml = buildIdpMetadataXml({ entityId: ENTITY_ID, ssoUrl: SSO_URL, certsBase64: [current.certBase64] });
    expect(xml).toContain("\n"); // the certificate really is wrapped

    const metadata = parseIdpMetadata(xml, NOW);

    expect(metadata.entityId).toBe(ENTITY_ID);
    expect(metadata.ssoUrlRedirect).toBe(SSO_URL);
    expect(metadata.ssoUrlPost).toBe(SSO_URL);
    expect(metadata.certificates).toHaveLength(1);
    const [certificate] = metadata.certificates;
    expect(certificate!.base64).toBe(current.certBase64);
    expect(certificate!.fingerprintSha256).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    expect(certificate!.fingerprintSha256).toBe(await sha256Fingerprint(current.certBase64));
    expect(certificate!.notBefore).toBe(NOT_BEFORE.toISOString());
    expect(certificate!.notAfter).toBe(NOT_AFTER.toISOString());
    expect(certificate!.subject).toContain("CN=acme");
  });

  it("reads unwrapped certificates and tolerates any XML whitespace inside the base64", () => {
    const unwrapped = buildIdpMetadataXml({
      entityId: ENTITY_ID,
      ssoUrl: SSO_URL,
      certsBase64: [current.certBase64],
      wrapCertificates: false,
    });
    expect(parseIdpMetadata(unwrapped, NOW).certificates[0]!.base64).toBe(current.certBase64);

    const spaced = current.certBase64.replace(/(.{60})/g, "$1\r\n\t  ");
    const spacedKey = keyDescriptor(current.certBase64).replace(wrapLines(current.certBase64, 64), spaced);
    const xml = idpEntity(spacedKey + bothSso());
    expect(parseIdpMetadata(xml, NOW).certificates[0]!.base64).toBe(current.certBase64);
  });

  it("produces a record that IdpConfigSchema accepts once the caller adds metadataUrl and fetchedAt", () => {
    const xml = buildIdpMetadataXml({ entityId: ENTITY_ID, ssoUrl: SSO_URL, certsBase64: [current.certBase64] });
    const config = {
      ...parseIdpMetadata(xml, NOW),
      metadataUrl: "https://acme.okta.com/app/exk1fcia6d6EMsf9p0h8/sso/saml/metadata",
      fetchedAt: new Date(NOW).toISOString(),
    };
    expect(IdpConfigSchema.parse(config)).toEqual(config);
  });

  it("accepts an XML declaration, comments and an unsigned document with other IdP children", () => {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><!-- Okta -->` +
      idpEntity(`${keyDescriptor(current.certBase64)}<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>${bothSso()}`);
    expect(parseIdpMetadata(xml, NOW).entityId).toBe(ENTITY_ID);
  });
});

describe("parseIdpMetadata: signing certificates", () => {
  it("keeps both signing certificates during a rollover, in document order", () => {
    const xml = buildIdpMetadataXml({
      entityId: ENTITY_ID,
      ssoUrl: SSO_URL,
      certsBase64: [current.certBase64, next.certBase64],
    });
    expect(parseIdpMetadata(xml, NOW).certificates.map((c) => c.base64)).toEqual([current.certBase64, next.certBase64]);
  });

  it("pins a KeyDescriptor without a use attribute (it serves signing and encryption)", () => {
    const xml = idpEntity(keyDescriptor(current.certBase64, null) + bothSso());
    expect(parseIdpMetadata(xml, NOW).certificates.map((c) => c.base64)).toEqual([current.certBase64]);
  });

  it("leaves out an encryption key", () => {
    const encryptionKey = keyDescriptor(encryption.certBase64, "encryption");
    const xml = idpEntity(encryptionKey + keyDescriptor(current.certBase64) + bothSso());
    expect(parseIdpMetadata(xml, NOW).certificates.map((c) => c.base64)).toEqual([current.certBase64]);
  });

  it("refuses metadata whose only key is for encryption", () => {
    const xml = idpEntity(keyDescriptor(encryption.certBase64, "encryption") + bothSso());
    expect(codeOf(() => parseIdpMetadata(xml, NOW))).toBe("metadata_invalid");
  });

  it("lists a certificate that appears twice once", () => {
    const xml = idpEntity(keyDescriptor(current.certBase64) + keyDescriptor(current.certBase64, null) + bothSso());
    expect(parseIdpMetadata(xml, NOW).certificates).toHaveLength(1);
  });

  it("keeps an expired certificate (the summary flags it)", async () => {
    const old = await generateSigningIdentity({
      algorithm: "ES256",
      notBefore: new Date("2015-01-01T00:00:00Z"),
      notAfter: new Date("2020-01-01T00:00:00Z"),
    });
    const certificates = parseIdpMetadata(idpEntity(keyDescriptor(old.certBase64) + bothSso()), NOW).certificates;
    expect(certificates[0]!.notAfter).toBe("2020-01-01T00:00:00.000Z");
  });

  it.each([
    ["no KeyDescriptor", () => bothSso()],
    ["an empty X509Certificate", () => keyDescriptor("") + bothSso()],
    ["a KeyDescriptor without X509Data", () => `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${DS}"/></md:KeyDescriptor>${bothSso()}`],
    ["characters outside base64", () => keyDescriptor(`${current.certBase64.slice(0, 40)}*${current.certBase64.slice(41)}`) + bothSso()],
    ["base64 with a missing character", () => keyDescriptor(current.certBase64.slice(1)) + bothSso()],
    ["base64url instead of base64", () => keyDescriptor(current.certBase64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")) + bothSso()],
    ["base64 of something that is not a certificate", () => keyDescriptor(btoa("not a certificate at all")) + bothSso()],
    ["a truncated certificate", () => keyDescriptor(current.certBase64.slice(0, 400)) + bothSso()],
    ["PEM armour inside the element", () => keyDescriptor(`-----BEGIN CERTIFICATE-----${current.certBase64}-----END CERTIFICATE-----`) + bothSso()],
    ["a use that is neither signing nor encryption", () => keyDescriptor(current.certBase64, "sign") + bothSso()],
    ["X509Certificate in another namespace than xmldsig", () => keyDescriptor(current.certBase64, "signing", "urn:example:not-dsig") + bothSso()],
  ])("refuses %s", (_case, inner) => {
    expect(codeOf(() => parseIdpMetadata(idpEntity(inner()), NOW))).toBe("metadata_invalid");
  });

  it("refuses non-canonical base64 (non-zero padding bits decode to the same bytes)", async () => {
    // Only a DER length that is not a multiple of 3 leaves padding bits; serial numbers are random, so draw until
    // a certificate has some.
    let base64 = current.certBase64;
    for (let attempt = 0; !base64.endsWith("=") && attempt < 20; attempt++) {
      base64 = (await generateSigningIdentity({ algorithm: "ES256" })).certBase64;
    }
    const padded = base64.endsWith("==") ? 2 : 1;
    expect(parseIdpMetadata(idpEntity(keyDescriptor(base64) + bothSso()), NOW).certificates).toHaveLength(1);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const lastIndex = base64.length - padded - 1;
    const value = alphabet.indexOf(base64[lastIndex]!);
    const tampered = base64.slice(0, lastIndex) + alphabet[value | 1] + base64.slice(lastIndex + 1);
    expect(tampered).not.toBe(base64);
    const xml = idpEntity(keyDescriptor(tampered) + bothSso());
    expect(codeOf(() => parseIdpMetadata(xml, NOW))).toBe("metadata_invalid");
  });

  it("does not read a certificate placed outside KeyDescriptor/KeyInfo/X509Data", () => {
    const stray = `<md:Extensions><ds:X509Certificate xmlns:ds="${DS}">${current.certBase64}</ds:X509Certificate></md:Extensions>`;
    expect(codeOf(() => parseIdpMetadata(idpEntity(stray + bothSso()), NOW))).toBe("metadata_invalid");
  });
});

describe("parseIdpMetadata: document structure", () => {
  const body = () => keyDescriptor(current.certBase64) + bothSso();

  it.each([
    ["a foreign root element", () => `<html><body>Sign in</body></html>`],
    ["EntityDescriptor without namespace", () => `<EntityDescriptor xmlns:md="${MD}" entityID="${ENTITY_ID}">${idpDescriptor(body())}</EntityDescriptor>`],
    ["EntityDescriptor in another namespace", () => idpEntity().replace(`xmlns:md="${MD}"`, `xmlns:md="urn:example:metadata"`)],
    ["a foreign root around a valid EntityDescriptor", () => `<x:Wrapper xmlns:x="urn:example:x">${idpEntity()}</x:Wrapper>`],
    ["EntitiesDescriptor in another namespace", () => `<x:EntitiesDescriptor xmlns:x="urn:example:x">${idpEntity()}</x:EntitiesDescriptor>`],
    ["a SAML Response", () => `<samlp:Response xmlns:samlp="${SAML2}" ID="_1" Version="2.0" IssueInstant="2026-01-15T12:00:00Z"/>`],
    ["a DOCTYPE", () => `<!DOCTYPE md:EntityDescriptor>${idpEntity()}`],
    ["an internal entity", () => `<!DOCTYPE x [<!ENTITY e "${ENTITY_ID}">]>${idpEntity().replace(ENTITY_ID, "&e;")}`],
    ["two root elements", () => idpEntity() + idpEntity()],
    ["text after the root", () => `${idpEntity()}trailing`],
    ["malformed XML", () => idpEntity().slice(0, -5)],
    ["an empty document", () => ""],
    ["no IDPSSODescriptor", () => entity(`<md:SPSSODescriptor protocolSupportEnumeration="${SAML2}"/>`)],
    [
      "IDPSSODescriptor in another namespace",
      () => entity(`<x:IDPSSODescriptor xmlns:x="urn:example:x" protocolSupportEnumeration="${SAML2}">${body()}</x:IDPSSODescriptor>`),
    ],
    ["an IDPSSODescriptor for SAML 1.1 only", () => entity(idpDescriptor(body(), SAML11))],
    ["two SAML 2.0 IDPSSODescriptors", () => entity(idpDescriptor(body()) + idpDescriptor(body()))],
    ["no entityID", () => entity(idpDescriptor(body()), "")],
    ["an empty entityID", () => entity(idpDescriptor(body()), `entityID=""`)],
    ["a blank entityID", () => entity(idpDescriptor(body()), `entityID="   "`)],
    ["an entityID longer than 1024 characters", () => entity(idpDescriptor(body()), `entityID="https://idp.example.com/${"a".repeat(1024)}"`)],
  ])("refuses %s", (_case, xml) => {
    expect(codeOf(() => parseIdpMetadata(xml(), NOW))).toBe("metadata_invalid");
  });

  it("accepts an IDPSSODescriptor that lists SAML 2.0 among other protocols, next to a SAML 1.1-only one", () => {
    const xml = entity(idpDescriptor(body(), `${SAML11} ${SAML2}`) + idpDescriptor(body(), SAML11));
    expect(parseIdpMetadata(xml, NOW).entityId).toBe(ENTITY_ID);
  });

  it("picks the one identity provider of an EntitiesDescriptor", () => {
    const xml = entities(spEntity("https://sp.example.com") + idpEntity());
    const metadata = parseIdpMetadata(xml, NOW);
    expect(metadata.entityId).toBe(ENTITY_ID);
    expect(metadata.certificates[0]!.base64).toBe(current.certBase64);
  });

  it.each([
    ["two identity providers", () => idpEntity() + idpEntity().replace(ENTITY_ID, "https://other-idp.example.com")],
    ["no identity provider", () => spEntity("https://sp.example.com")],
    ["nothing", () => ""],
  ])("refuses an EntitiesDescriptor with %s", (_case, inner) => {
    const xml = entities(inner());
    expect(codeOf(() => parseIdpMetadata(xml, NOW))).toBe("metadata_invalid");
  });
});

describe("parseIdpMetadata: validUntil", () => {
  const withValidUntil = (validUntil: string) =>
    entity(idpDescriptor(keyDescriptor(current.certBase64) + bothSso()), `entityID="${ENTITY_ID}" validUntil="${validUntil}"`);

  it("accepts a validUntil in the future", () => {
    expect(parseIdpMetadata(withValidUntil("2026-01-15T12:00:01Z"), NOW).entityId).toBe(ENTITY_ID);
  });

  it.each(["2026-01-15T11:59:59Z", "2026-01-15T12:00:00Z", "2001-01-01T00:00:00Z", "not a date", ""])("refuses the root validUntil %j", (validUntil) =>
    expect(codeOf(() => parseIdpMetadata(withValidUntil(validUntil), NOW))).toBe("metadata_invalid"),
  );

  it("refuses an expired EntitiesDescriptor around a valid entity", () => {
    const xml = entities(idpEntity(), `validUntil="2020-01-01T00:00:00Z"`);
    expect(codeOf(() => parseIdpMetadata(xml, NOW))).toBe("metadata_invalid");
  });

  it("refuses an expired entity inside a valid EntitiesDescriptor, and an expired IDPSSODescriptor", () => {
    const inner = withValidUntil("2020-01-01T00:00:00Z");
    const xml = entities(inner, `validUntil="2030-01-01T00:00:00Z"`);
    expect(codeOf(() => parseIdpMetadata(xml, NOW))).toBe("metadata_invalid");
    const expiredDescriptor = idpEntity().replace("<md:IDPSSODescriptor ", `<md:IDPSSODescriptor validUntil="2020-01-01T00:00:00Z" `);
    expect(codeOf(() => parseIdpMetadata(expiredDescriptor, NOW))).toBe("metadata_invalid");
  });
});

describe("parseIdpMetadata: SSO endpoints", () => {
  const withSso = (services: string) => idpEntity(keyDescriptor(current.certBase64) + services);

  it("reads a POST-only IdP", () => {
    const metadata = parseIdpMetadata(withSso(sso(POST)), NOW);
    expect(metadata.ssoUrlPost).toBe(SSO_URL);
    expect(metadata).not.toHaveProperty("ssoUrlRedirect");
  });

  it("reads a Redirect-only IdP and uses the first endpoint of a binding", () => {
    const metadata = parseIdpMetadata(withSso(sso(REDIRECT) + sso(REDIRECT, "https://second.example.com/sso")), NOW);
    expect(metadata.ssoUrlRedirect).toBe(SSO_URL);
    expect(metadata).not.toHaveProperty("ssoUrlPost");
  });

  it.each(["http://127.0.0.1:8787/sso", "http://localhost:9000/sso", "http://[::1]/sso"])(
    "accepts the http loopback endpoint %s (a local development IdP)",
    (location) => expect(parseIdpMetadata(withSso(sso(REDIRECT, location)), NOW).ssoUrlRedirect).toBe(location),
  );

  it.each([
    ["an Artifact endpoint only", sso(ARTIFACT)],
    ["no SingleSignOnService", ""],
    ["http on a public host", sso(REDIRECT, "http://acme.okta.com/app/sso/saml")],
    ["http on a public host, POST binding", sso(POST, "http://acme.okta.com/app/sso/saml")],
    ["http on a private address", sso(REDIRECT, "http://10.0.0.1/sso")],
    ["a javascript: URL", sso(REDIRECT, "javascript:alert(1)")],
    ["a relative URL", sso(REDIRECT, "/app/sso/saml")],
    ["an empty Location", sso(REDIRECT, "")],
    ["credentials in the URL", sso(REDIRECT, "https://user:pass@acme.okta.com/sso")],
    ["a SingleSignOnService in another namespace", `<x:SingleSignOnService xmlns:x="urn:example:x" Binding="${REDIRECT}" Location="${SSO_URL}"/>`],
  ])("refuses %s", (_case, services) => {
    expect(codeOf(() => parseIdpMetadata(withSso(services), NOW))).toBe("metadata_invalid");
  });

  it("refuses a bad endpoint even when the other binding is fine", () => {
    expect(codeOf(() => parseIdpMetadata(withSso(sso(POST) + sso(REDIRECT, "http://acme.okta.com/sso")), NOW))).toBe("metadata_invalid");
  });
});

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
