/** parseIdpMetadata: Okta-shaped metadata, the document's structure and its validUntil. */
import { describe, expect, it } from "vitest";
import { IdpConfigSchema } from "../../../shared/sso";
import { parseIdpMetadata } from "../../../worker/src/saml/idp-metadata";
import { buildIdpMetadataXml, wrapLines } from "../../support/idp";
import {
  bothSso,
  codeOf,
  current,
  ENTITY_ID,
  entities,
  entity,
  idpDescriptor,
  idpEntity,
  keyDescriptor,
  MD,
  NOT_AFTER,
  NOT_BEFORE,
  NOW,
  SAML2,
  SAML11,
  SSO_URL,
  setUpIdentities,
  sha256Fingerprint,
  spEntity,
} from "./support/idp-metadata";

setUpIdentities();

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
