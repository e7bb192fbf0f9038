/** Test IdP: signOktaResponse's options, and its output shaped exactly like a real Okta Response. */
import { beforeAll, describe, expect, it } from "vitest";
import { createTestIdp, type TestIdp } from "../../support/idp";
import {
  assertionOf,
  childElements,
  DS_NS,
  directSignature,
  EMAIL,
  OKTA_RESPONSE_SHAPE,
  parse,
  responseOf,
  SP,
  shapeOf,
  verifies,
  verifiesBoth,
} from "./support";

describe("signOktaResponse options", () => {
  let idp: TestIdp;
  beforeAll(async () => {
    idp = await createTestIdp();
  });

  it("is shaped exactly like a real Okta Response (names, order, prefixes, namespaces, algorithms)", async () => {
    const xml = await idp.signedResponseXml({
      ...SP,
      inResponseTo: "_sp-request-1",
      attributes: { FirstName: ["Alice"], Email: [EMAIL], SSHUserName: [""] },
    });
    expect(shapeOf(xml)).toBe(OKTA_RESPONSE_SHAPE);
  });

  it("signs only the Assertion, or only the Response, when asked", async () => {
    const assertionOnly = parse(await idp.signedResponseXml({ ...SP, signResponse: false }));
    expect(directSignature(responseOf(assertionOnly))).toBeUndefined();
    expect(directSignature(assertionOf(assertionOnly))).toBeDefined();

    const responseOnly = parse(await idp.signedResponseXml({ ...SP, signAssertion: false }));
    expect(directSignature(responseOf(responseOnly))).toBeDefined();
    expect(directSignature(assertionOf(responseOnly))).toBeUndefined();
  });

  it("without a Response Issuer the Response signature is the first child, and still verifies", async () => {
    const xml = await idp.signedResponseXml({ ...SP, omitResponseIssuer: true, signAssertion: false });
    const response = responseOf(parse(xml));
    const signature = childElements(response)[0];
    expect([signature?.namespaceURI, signature?.localName]).toEqual([DS_NS, "Signature"]);
    expect(signature && verifies(xml, signature, idp.identity.certPem)).toBe(true);
  });

  it("leaves out KeyInfo when includeKeyInfo is false", async () => {
    const xml = await idp.signedResponseXml({ ...SP, includeKeyInfo: false });
    expect(parse(xml).getElementsByTagNameNS(DS_NS, "KeyInfo")).toHaveLength(0);
    expect(verifiesBoth(xml, idp.identity.certPem)).toEqual({ response: true, assertion: true });
  });

  it("samlResponse is the base64 of the signed UTF-8 XML", async () => {
    const samlResponse = await idp.samlResponse({ ...SP, nameId: "zoë@example.com" });
    const xml = new TextDecoder().decode(Uint8Array.from(atob(samlResponse), (c) => c.charCodeAt(0)));
    expect(xml).toContain("zoë@example.com");
    expect(verifiesBoth(xml, idp.identity.certPem)).toEqual({ response: true, assertion: true });
  });
});
