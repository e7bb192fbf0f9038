/** Test IdP: buildOktaResponseXml issues what Okta issues (InResponseTo, defaults, IDs, escaping, removals). */
import type { Document } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { buildOktaResponseXml } from "../../support/idp";
import { ASSERTION_NS, allAttributeNames, assertionOf, childElements, EMAIL, parse, responseOf, SP } from "./support";

describe("buildOktaResponseXml", () => {
  it("IdP-initiated (no inResponseTo): no InResponseTo attribute anywhere", () => {
    const xml = buildOktaResponseXml(SP);
    expect(allAttributeNames(parse(xml))).not.toContain("InResponseTo");
    expect(xml).not.toContain("InResponseTo");
  });

  it("SP-initiated: InResponseTo on the Response and on SubjectConfirmationData, unless told to disagree", () => {
    const agreeing = parse(buildOktaResponseXml({ ...SP, inResponseTo: "_req-1" }));
    const confirmationOf = (doc: Document) => doc.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData")[0];
    expect(responseOf(agreeing).getAttribute("InResponseTo")).toBe("_req-1");
    expect(confirmationOf(agreeing)?.getAttribute("InResponseTo")).toBe("_req-1");

    const disagreeing = parse(buildOktaResponseXml({ ...SP, inResponseTo: "_req-1", subjectConfirmationInResponseTo: "_req-2" }));
    expect(responseOf(disagreeing).getAttribute("InResponseTo")).toBe("_req-1");
    expect(confirmationOf(disagreeing)?.getAttribute("InResponseTo")).toBe("_req-2");

    const missing = parse(buildOktaResponseXml({ ...SP, inResponseTo: "_req-1", subjectConfirmationInResponseTo: null }));
    expect(confirmationOf(missing)?.hasAttribute("InResponseTo")).toBe(false);
  });

  it("defaults like Okta: Conditions and bearer NotOnOrAfter at IssueInstant ± 5 min, Recipient = Destination", () => {
    const doc = parse(buildOktaResponseXml(SP));
    const conditions = doc.getElementsByTagNameNS(ASSERTION_NS, "Conditions")[0];
    const confirmation = doc.getElementsByTagNameNS(ASSERTION_NS, "SubjectConfirmationData")[0];
    expect(responseOf(doc).getAttribute("IssueInstant")).toBe("2026-04-20T12:00:00.000Z");
    expect(conditions?.getAttribute("NotBefore")).toBe("2026-04-20T11:55:00.000Z");
    expect(conditions?.getAttribute("NotOnOrAfter")).toBe("2026-04-20T12:05:00.000Z");
    expect(confirmation?.getAttribute("NotOnOrAfter")).toBe("2026-04-20T12:05:00.000Z");
    expect(confirmation?.getAttribute("Recipient")).toBe(SP.destination);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "Audience")[0]?.textContent).toBe(SP.audience);
    const authnStatement = doc.getElementsByTagNameNS(ASSERTION_NS, "AuthnStatement")[0];
    expect(authnStatement?.hasAttribute("SessionNotOnOrAfter")).toBe(false);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue")[0]?.textContent).toBe(EMAIL);
  });

  it("generates distinct Okta-like IDs that are valid xs:IDs (no leading digit)", () => {
    const doc = parse(buildOktaResponseXml(SP));
    const ids = [responseOf(doc).getAttribute("ID"), assertionOf(doc).getAttribute("ID")];
    for (const id of ids) expect(id).toMatch(/^id\d{27}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("escapes text and attribute values so they parse back unchanged", () => {
    const tricky = `a&b<c>"d'\te\r\nf`;
    const doc = parse(
      buildOktaResponseXml({
        ...SP,
        destination: `https://sp.example/acs?a=1&b="2"`,
        nameId: tricky,
        attributes: { 'x"<&': [tricky] },
      }),
    );
    expect(responseOf(doc).getAttribute("Destination")).toBe(`https://sp.example/acs?a=1&b="2"`);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "NameID")[0]?.textContent).toBe(tricky);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "Attribute")[0]?.getAttribute("Name")).toBe(`x"<&`);
    expect(doc.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue")[0]?.textContent).toBe(tricky);
  });

  it("leaves out what a test removes: Conditions, AuthnStatement, Response Issuer, AttributeStatement", () => {
    const doc = parse(
      buildOktaResponseXml({
        ...SP,
        omitConditions: true,
        includeAuthnStatement: false,
        omitResponseIssuer: true,
        attributes: {},
      }),
    );
    const assertionChildren = childElements(assertionOf(doc)).map((el) => el.localName);
    expect(assertionChildren).toEqual(["Issuer", "Subject"]);
    expect(childElements(responseOf(doc)).map((el) => el.localName)).toEqual(["Status", "Assertion"]);
  });
});
