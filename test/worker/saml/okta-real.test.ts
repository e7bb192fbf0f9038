/// <reference types="vite/client" />
/**
 * The whole stateless ACS pipeline on bytes a real Okta org produced (fixtures from goxmldsig's test suite; their
 * provenance, verdicts and parameters are in docs/saml-checks.md, "Real Okta responses used by the tests"). The
 * XML is imported with Vite's `?raw` from the shared folder, which CI lays out beside the repository (`../shared`),
 * so no copy of it is committed here.
 */
import { describe, expect, it } from "vitest";
import modifiedToBeTodd from "../../../../shared/fixtures/okta-real/modified-to-be-todd.xml?raw";
import oktaSigningCertPem from "../../../../shared/fixtures/okta-real/okta-signing-cert.pem?raw";
import spoofedAsTodd from "../../../../shared/fixtures/okta-real/spoofed-as-todd.xml?raw";
import validExample from "../../../../shared/fixtures/okta-real/valid-example.xml?raw";
import { type ErrorCode, isAppError } from "../../../shared/errors";
import { type SamlExpectations, validateSamlResponse } from "../../../worker/src/saml/index";
import { generateSigningIdentity, utf8ToBase64 } from "../../support/idp";

const OKTA_CERT_BASE64 = oktaSigningCertPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
const NOW_MS = Date.parse("2020-09-01T17:52:00Z");

/** The parameters the README gives for a full ACS check of `valid-example.xml`. */
const OKTA_EXPECTATIONS: SamlExpectations = {
  nowMs: NOW_MS,
  acsUrl: "https://dev.sudo.wtf:8443/v1/_saml_callback",
  audience: "https://dev.sudo.wtf:8443/v1/teams/asa",
  idpEntityId: "http://www.okta.com/exkrfkzzb7NyB3UeP0h7",
  idpCertificates: [OKTA_CERT_BASE64],
  allowUnsolicited: false,
  emailAttribute: "Email",
};

function refusalCode(xml: string, overrides: Partial<SamlExpectations> = {}): ErrorCode {
  try {
    validateSamlResponse(utf8ToBase64(xml), { ...OKTA_EXPECTATIONS, ...overrides });
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error("the response was accepted");
}

describe("real Okta responses through the whole ACS pipeline", () => {
  it("accepts Okta's own signed response (exc-c14n with InclusiveNamespaces xs, Response and Assertion signed)", () => {
    const result = validateSamlResponse(utf8ToBase64(validExample), OKTA_EXPECTATIONS);
    expect(result.email).toBe("phoebe.yu@okta.com");
    expect(result.inResponseTo).toBe("_ffea96b1-44a2-4a86-9683-45807984ab5b");
    expect(result.assertionId).toMatch(/^id\d+$/);
  });

  it("refuses the response whose signed content was edited to name todd (digest mismatch)", () => {
    expect(modifiedToBeTodd).toContain("todd");
    expect(refusalCode(modifiedToBeTodd)).toBe("saml_signature_invalid");
  });

  it("refuses the response spoofed as todd with a smuggled second SignedInfo (CVE-2020-15216 style wrapping)", () => {
    expect(spoofedAsTodd).toContain("todd");
    const code = refusalCode(spoofedAsTodd);
    expect(["saml_signature_invalid", "saml_structure_invalid"]).toContain(code);
  });

  it("refuses the valid response ten minutes later: the assertion has expired", () => {
    expect(refusalCode(validExample, { nowMs: NOW_MS + 10 * 60 * 1000 })).toBe("saml_expired");
  });

  it("refuses the valid response at an SP whose audience differs", () => {
    expect(refusalCode(validExample, { audience: "https://dev.sudo.wtf:8443/v1/teams/other" })).toBe("saml_audience_mismatch");
  });

  it("refuses the valid response when the pinned certificate is another one (never the KeyInfo certificate)", async () => {
    const other = await generateSigningIdentity();
    expect(refusalCode(validExample, { idpCertificates: [other.certBase64] })).toBe("saml_signature_invalid");
  });
});
