/**
 * A metadata document may come from an admin-supplied URL, so a refusal must not read that URL's content back:
 * every `metadata_invalid` says what is wrong in fixed words and never quotes the document
 * (worker/src/saml/idp-metadata.ts). Each case hides a marker where the document is wrong.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { parseIdpMetadata } from "../../../worker/src/saml/idp-metadata";
import { generateSigningIdentity, type SigningIdentity } from "../../support/idp";

const NOW = Date.parse("2026-01-15T12:00:00Z");
const MARKER = "internal-db-password-hunter2";
const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const SAML2 = "urn:oasis:names:tc:SAML:2.0:protocol";
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

let signing: SigningIdentity;
beforeAll(async () => {
  signing = await generateSigningIdentity({ commonName: "acme" });
});

const key = (use = "signing") =>
  `<md:KeyDescriptor use="${use}"><ds:KeyInfo xmlns:ds="${DS}"><ds:X509Data><ds:X509Certificate>${signing.certBase64}` +
  "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>";
const document = (parts: { entityAttributes?: string; use?: string; location?: string } = {}) =>
  `<md:EntityDescriptor xmlns:md="${MD}" entityID="http://www.okta.com/exk1"${parts.entityAttributes ?? ""}>` +
  `<md:IDPSSODescriptor protocolSupportEnumeration="${SAML2}">${key(parts.use)}` +
  `<md:SingleSignOnService Binding="${REDIRECT}" Location="${parts.location ?? "https://acme.okta.com/sso"}"/>` +
  "</md:IDPSSODescriptor></md:EntityDescriptor>";

function refusal(xml: string): AppError {
  try {
    parseIdpMetadata(xml, NOW);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the document was accepted");
}

describe("metadata_invalid never quotes the document", () => {
  it("the control document parses, so each refusal below comes from its edit", () => {
    expect(parseIdpMetadata(document(), NOW).entityId).toBe("http://www.okta.com/exk1");
  });

  it.each([
    ["an HTML page (a wrong URL, or an internal service)", () => `<html><body><p>${MARKER}</p></body></html>`],
    ["a JSON body", () => `{"secret":"${MARKER}"}`],
    ["a malformed tag", () => `<md:EntityDescriptor xmlns:md="${MD}"><${MARKER} a=></md:EntityDescriptor>`],
    ["an unclosed element", () => `<md:EntityDescriptor xmlns:md="${MD}"><${MARKER}>`],
    ["text after the root", () => `${document()}${MARKER}`],
    ["a second root", () => `${document()}<${MARKER}/>`],
    ["a root in another namespace", () => `<${MARKER} xmlns="urn:x"/>`],
    ["an unreadable validUntil", () => document({ entityAttributes: ` validUntil="${MARKER}"` })],
    ["a Location that is not a URL", () => document({ location: MARKER })],
    ["an http Location", () => document({ location: `http://${MARKER}.example.com/sso` })],
    ["an unknown KeyDescriptor use", () => document({ use: MARKER })],
  ])("%s", (_case, xml: () => string) => {
    // Built when the test runs: the certificate is generated in beforeAll.
    const error = refusal(xml());
    expect(error.code).toBe("metadata_invalid");
    expect(error.message).not.toContain(MARKER);
    expect(JSON.stringify(error.details ?? {})).not.toContain(MARKER);
  });

  it("still says which check failed", () => {
    expect(refusal(document({ location: MARKER })).message).toBe("the SingleSignOnService Location is not a URL");
    expect(refusal(`<${MARKER} xmlns="urn:x"/>`).message).toBe("the root element must be md:EntityDescriptor or md:EntitiesDescriptor");
    expect(refusal(`<a>${"<b>".repeat(200)}`).details).toEqual({ reason: "malformed" });
  });
});
