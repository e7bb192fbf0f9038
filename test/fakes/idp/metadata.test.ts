/** Test IdP: metadataXml lists the signing certificates, the entity ID and the SSO bindings like Okta's. */
import { describe, expect, it } from "vitest";
import { createTestIdp, generateSigningIdentity } from "../../support/idp";
import { DS_NS, parse } from "./support";

describe("metadataXml", () => {
  it("lists every signing certificate (line-wrapped like Okta), the entity ID and both SSO bindings", async () => {
    const idp = await createTestIdp();
    const next = await generateSigningIdentity();
    const doc = parse(idp.metadataXml({ additionalCertsBase64: [next.certBase64] }));
    const entity = doc.documentElement;
    expect(entity?.getAttribute("entityID")).toBe(idp.entityId);
    expect(idp.entityId).toMatch(/^http:\/\/www\.okta\.com\/exk[A-Za-z0-9]{17}$/);
    expect(entity?.hasAttribute("validUntil")).toBe(false);

    const MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    const keyDescriptors = Array.from(doc.getElementsByTagNameNS(MD_NS, "KeyDescriptor"));
    expect(keyDescriptors.map((kd) => kd.getAttribute("use"))).toEqual(["signing", "signing"]);
    const certTexts = Array.from(doc.getElementsByTagNameNS(DS_NS, "X509Certificate"), (el) => el.textContent ?? "");
    expect(certTexts.map((text) => text.replace(/\s/g, ""))).toEqual([idp.identity.certBase64, next.certBase64]);
    for (const text of certTexts) expect(Math.max(...text.split("\n").map((line) => line.length))).toBe(76);

    const sso = Array.from(doc.getElementsByTagNameNS(MD_NS, "SingleSignOnService"), (el) => [el.getAttribute("Binding"), el.getAttribute("Location")]);
    expect(sso).toEqual([
      ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", idp.ssoUrl],
      ["urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", idp.ssoUrl],
    ]);
    const unwrapped = parse(idp.metadataXml({ wrapCertificates: false }));
    expect(unwrapped.getElementsByTagNameNS(DS_NS, "X509Certificate")[0]?.textContent).toBe(idp.identity.certBase64);
  });
});
