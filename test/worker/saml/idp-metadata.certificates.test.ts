/** parseIdpMetadata: which certificates are pinned for signatures. */
import { describe, expect, it } from "vitest";
import { parseIdpMetadata } from "../../../worker/src/saml/idp-metadata";
import { buildIdpMetadataXml, generateSigningIdentity } from "../../support/idp";
import { bothSso, codeOf, current, DS, ENTITY_ID, encryption, idpEntity, keyDescriptor, NOW, next, SSO_URL, setUpIdentities } from "./support/idp-metadata";

setUpIdentities();

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
