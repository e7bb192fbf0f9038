/**
 * docs/saml-checks.md §6 and §8: status, Destination, Issuer, Audience, Recipient, time windows (at the clock-skew
 * edges), Conditions structure, bearer confirmation, AuthnStatement and SessionNotOnOrAfter. Every response here
 * is correctly signed by the trusted IdP: what is attacked is the signed content itself.
 */
import { describe, expect, it } from "vitest";
import { type ErrorCode, isAppError } from "../../../shared/errors";
import { CLOCK_SKEW_MS, type SamlExpectations, validateSamlResponse } from "../../../worker/src/saml/index";
import { type OktaResponseOptions, signOktaResponse, type TestIdp, utf8ToBase64 } from "../../support/idp";
import { api, createOrg, expectRefused, orgWithSso, postAcs, sessionCookie, testIdp, validFor } from "../support/api";
import { ssoOrg } from "./support/signed-response";

const STATUS = "urn:oasis:names:tc:SAML:2.0:status";

/** Signs hand-edited XML like Okta would (both signatures), so only the edit is under test. */
async function signEdited(idp: TestIdp, options: OktaResponseOptions, edit: (xml: string) => string): Promise<string> {
  const xml = edit(idp.responseXml(options));
  return utf8ToBase64(await signOktaResponse(xml, { privateKeyPem: idp.identity.privateKeyPem, certPem: idp.identity.certPem }));
}

/** Replaces exactly one occurrence of `search` (fails loudly if the fixture's shape changed). */
function replaceOnce(xml: string, search: string | RegExp, replacement: string): string {
  const matches = typeof search === "string" ? xml.split(search).length - 1 : (xml.match(new RegExp(search, "g")) ?? []).length;
  if (matches !== 1) throw new Error(`expected one match of ${String(search)}, found ${matches}`);
  return xml.replace(search, replacement);
}

describe("ACS conditions: positive control", () => {
  it("a correctly signed, correctly addressed, current response signs in", async () => {
    const { idp, org } = await ssoOrg();
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org)));
    expect(response.status).toBe(303);
    expect(sessionCookie(response)).toBeDefined();
  });
});

describe("docs/saml-checks.md §6: Status must be Success", () => {
  it("refuses a top-level Responder status", async () => {
    const { idp, org } = await ssoOrg();
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org, { statusCode: `${STATUS}:Responder` })));
    await expectRefused(response, "saml_status_not_success");
  });

  for (const [name, top, nested] of [
    ["refuses a Responder status whose nested second-level StatusCode says Success (only the top level counts)", "Responder", "Success"],
    ["refuses a Requester status with a nested AuthnFailed second-level code", "Requester", "AuthnFailed"],
  ] as const) {
    it(name, async () => {
      const { idp, org } = await ssoOrg();
      const saml = await signEdited(idp, validFor(org), (xml) =>
        replaceOnce(
          xml,
          `<saml2p:StatusCode Value="${STATUS}:Success"/>`,
          `<saml2p:StatusCode Value="${STATUS}:${top}"><saml2p:StatusCode Value="${STATUS}:${nested}"/></saml2p:StatusCode>`,
        ),
      );
      await expectRefused(await postAcs(org.id, saml), "saml_status_not_success");
    });
  }
});

describe("docs/saml-checks.md §6: Destination is this organization's ACS", () => {
  it("refuses a Response addressed to another ACS (Recipient still ours)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await idp.samlResponse(validFor(org, { destination: "https://companion.test/other-org/acs", recipient: org.acsUrl }));
    await expectRefused(await postAcs(org.id, saml), "saml_destination_mismatch");
  });

  it("refuses a Response without a Destination attribute", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) => replaceOnce(xml, `<saml2p:Response Destination="${org.acsUrl}" `, "<saml2p:Response "));
    await expectRefused(await postAcs(org.id, saml), "saml_destination_mismatch");
  });
});

describe("docs/saml-checks.md §6: Issuer is exactly the IdP entityID", () => {
  it("refuses a wrong Issuer on the Response (Assertion Issuer correct)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) =>
      xml.replace(`>${idp.entityId}</saml2:Issuer>`, ">http://www.okta.com/exkattacker000000000</saml2:Issuer>"),
    );
    await expectRefused(await postAcs(org.id, saml), "saml_issuer_mismatch");
  });

  it("refuses a wrong Issuer on the Assertion (Response Issuer correct)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) => {
      const needle = `>${idp.entityId}</saml2:Issuer>`;
      const last = xml.lastIndexOf(needle);
      expect(last).toBeGreaterThan(xml.indexOf("<saml2:Assertion "));
      return `${xml.slice(0, last)}>http://www.okta.com/exkattacker000000000</saml2:Issuer>${xml.slice(last + needle.length)}`;
    });
    await expectRefused(await postAcs(org.id, saml), "saml_issuer_mismatch");
  });

  it("compares exactly: https://www.okta.com/... is not Okta's http://www.okta.com/... entityID", async () => {
    const idp = await testIdp();
    expect(idp.entityId.startsWith("http://www.okta.com/")).toBe(true);
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { issuer: idp.entityId.replace("http://", "https://") }));
    await expectRefused(await postAcs(org.id, saml), "saml_issuer_mismatch");
  });

  it("compares the Assertion Issuer exactly too (no Response Issuer, Assertion says https://)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await idp.samlResponse(validFor(org, { omitResponseIssuer: true, issuer: idp.entityId.replace("http://", "https://") }));
    await expectRefused(await postAcs(org.id, saml), "saml_issuer_mismatch");
  });

  it("control: a Response without its optional Issuer is accepted when the Assertion Issuer is exact", async () => {
    const { idp, org } = await ssoOrg();
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org, { omitResponseIssuer: true })));
    expect(response.status).toBe(303);
  });
});

describe("docs/saml-checks.md §8: Audience and Recipient", () => {
  it("refuses an assertion for another service provider's audience", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await idp.samlResponse(validFor(org, { audience: "https://other-sp.example/saml/metadata" }));
    await expectRefused(await postAcs(org.id, saml), "saml_audience_mismatch");
  });

  it("refuses an assertion whose audience is another organization of ours", async () => {
    const { idp, org } = await ssoOrg();
    const other = await createOrg();
    expect(other.audienceUri).not.toBe(org.audienceUri);
    const saml = await idp.samlResponse(validFor(org, { audience: other.audienceUri }));
    await expectRefused(await postAcs(org.id, saml), "saml_audience_mismatch");
  });

  it("refuses a bearer confirmation whose Recipient is not this ACS", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await idp.samlResponse(validFor(org, { recipient: "https://other-sp.example/acs" }));
    await expectRefused(await postAcs(org.id, saml), "saml_recipient_mismatch");
  });

  it("refuses two bearer SubjectConfirmations (one addressed elsewhere)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) => {
      const confirmation = /<saml2:SubjectConfirmation .*?<\/saml2:SubjectConfirmation>/.exec(xml)![0];
      const elsewhere = confirmation.replace(`Recipient="${org.acsUrl}"`, 'Recipient="https://other-sp.example/acs"');
      return replaceOnce(xml, confirmation, confirmation + elsewhere);
    });
    await expectRefused(await postAcs(org.id, saml), "saml_subject_confirmation_invalid");
  });
});

describe("docs/saml-checks.md §8: Conditions structure", () => {
  it("refuses an assertion without Conditions", async () => {
    const { idp, org } = await ssoOrg();
    await expectRefused(await postAcs(org.id, await idp.samlResponse(validFor(org, { omitConditions: true }))), "saml_structure_invalid");
  });

  it("refuses an assertion with two Conditions (the second one wider)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) => {
      const conditions = /<saml2:Conditions .*?<\/saml2:Conditions>/.exec(xml)![0];
      const wide = conditions.replace(/NotOnOrAfter="[^"]+"/, 'NotOnOrAfter="2999-01-01T00:00:00.000Z"');
      return replaceOnce(xml, conditions, conditions + wide);
    });
    await expectRefused(await postAcs(org.id, saml), "saml_structure_invalid");
  });

  it("refuses an unknown condition (SAML core: Indeterminate, so not valid)", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) =>
      replaceOnce(
        xml,
        "</saml2:AudienceRestriction>",
        '</saml2:AudienceRestriction><saml2:Condition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="DelegationRestrictionType"/>',
      ),
    );
    await expectRefused(await postAcs(org.id, saml), "saml_structure_invalid");
  });

  it("refuses a condition element from a foreign namespace", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await signEdited(idp, validFor(org), (xml) =>
      replaceOnce(xml, "</saml2:AudienceRestriction>", '</saml2:AudienceRestriction><x:AudienceRestriction xmlns:x="urn:example:evil"/>'),
    );
    await expectRefused(await postAcs(org.id, saml), "saml_structure_invalid");
  });

  it("refuses an assertion without an AuthnStatement", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await idp.samlResponse(validFor(org, { includeAuthnStatement: false }));
    await expectRefused(await postAcs(org.id, saml), "saml_authn_statement_missing");
  });
});

describe("docs/saml-checks.md §8: SessionNotOnOrAfter bounds our session", () => {
  it("refuses an assertion whose IdP session has already ended", async () => {
    const { idp, org } = await ssoOrg();
    const saml = await idp.samlResponse(validFor(org, { sessionNotOnOrAfter: new Date(Date.now() - 1_000) }));
    await expectRefused(await postAcs(org.id, saml), "saml_expired");
  });

  it("accepts a future SessionNotOnOrAfter and caps the cookie's Max-Age by it", async () => {
    const { idp, org } = await ssoOrg();
    const unbounded = await postAcs(org.id, await idp.samlResponse(validFor(org)));
    const unboundedMaxAge = Number(/Max-Age=(\d+)/i.exec(unbounded.headers.get("set-cookie") ?? "")?.[1]);
    expect(unboundedMaxAge).toBeGreaterThan(3600);

    const response = await postAcs(org.id, await idp.samlResponse(validFor(org, { sessionNotOnOrAfter: new Date(Date.now() + 600_000) })));
    expect(response.status).toBe(303);
    const cookie = sessionCookie(response)!;
    const maxAge = Number(/Max-Age=(\d+)/i.exec(response.headers.get("set-cookie") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThan(540);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(200);
  });
});

describe(`docs/saml-checks.md §8: time windows at the clock-skew edges (${CLOCK_SKEW_MS} ms)`, () => {
  const NOW = Date.parse("2026-03-02T10:00:00.000Z");
  const ACS = "https://companion.test/skew-org/acs";
  const AUDIENCE = "https://companion.test/skew-org/metadata";

  async function verdict(overrides: Partial<OktaResponseOptions>): Promise<"accepted" | ErrorCode> {
    const idp = await testIdp();
    const expectations: SamlExpectations = {
      nowMs: NOW,
      acsUrl: ACS,
      audience: AUDIENCE,
      idpEntityId: idp.entityId,
      idpCertificates: [idp.identity.certBase64],
      allowUnsolicited: true,
    };
    const saml = await idp.samlResponse({ destination: ACS, audience: AUDIENCE, now: new Date(NOW), nameId: "ada@example.com", ...overrides });
    try {
      validateSamlResponse(saml, expectations);
      return "accepted";
    } catch (error) {
      if (isAppError(error)) return error.code;
      throw error;
    }
  }

  it("skew is the documented small constant (120 s)", () => {
    expect(CLOCK_SKEW_MS).toBe(120_000);
  });

  it("Conditions NotBefore = now + skew is accepted", async () => {
    expect(await verdict({ conditionsNotBefore: new Date(NOW + CLOCK_SKEW_MS) })).toBe("accepted");
  });

  it("Conditions NotBefore = now + skew + 1 ms is not yet valid", async () => {
    expect(await verdict({ conditionsNotBefore: new Date(NOW + CLOCK_SKEW_MS + 1) })).toBe("saml_not_yet_valid");
  });

  it("Conditions NotOnOrAfter = now - skew + 1 ms is accepted", async () => {
    expect(await verdict({ conditionsNotOnOrAfter: new Date(NOW - CLOCK_SKEW_MS + 1) })).toBe("accepted");
  });

  it("Conditions NotOnOrAfter = now - skew has expired", async () => {
    expect(await verdict({ conditionsNotOnOrAfter: new Date(NOW - CLOCK_SKEW_MS) })).toBe("saml_expired");
  });

  it("SubjectConfirmationData NotOnOrAfter = now - skew + 1 ms is accepted", async () => {
    expect(await verdict({ subjectNotOnOrAfter: new Date(NOW - CLOCK_SKEW_MS + 1) })).toBe("accepted");
  });

  it("SubjectConfirmationData NotOnOrAfter = now - skew has expired", async () => {
    expect(await verdict({ subjectNotOnOrAfter: new Date(NOW - CLOCK_SKEW_MS) })).toBe("saml_expired");
  });
});
