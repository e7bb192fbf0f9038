/**
 * What an ACS sender controls beyond the signature: how deep the document nests (worker/src/xml/parse-strict.ts
 * caps it before any recursive walk) and what its attributes are called (a name like `constructor` or `__proto__`
 * is just a name: attributes are a Map, and admins cannot configure such a name). Driven through POST /:org/acs and
 * PATCH /api/orgs/:id.
 */
import { describe, expect, it } from "vitest";
import type { Me } from "../../../shared/users";
import { api, BOOTSTRAP, errorCode, expectRefused, orgWithSso, postAcs, sessionCookie, testIdp, validFor } from "../support/api";
import { base64 } from "./support/mutate";
import { signedResponseFor } from "./support/signed-response";

type Entry = { event: string; code: string | null };

/** `depth` nested elements placed inside the signed Assertion, just before it closes. */
function nestedInsideAssertion(xml: string, depth: number): string {
  const closing = xml.lastIndexOf("</saml2:Assertion>");
  expect(closing).toBeGreaterThan(0);
  return `${xml.slice(0, closing)}${"<x>".repeat(depth)}${"</x>".repeat(depth)}${xml.slice(closing)}`;
}

async function newestLogEntry(orgId: string): Promise<Entry | undefined> {
  const response = await api(`/api/orgs/${orgId}/log?limit=1`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: Entry[] }).entries[0];
}

async function meOf(response: Response): Promise<Me> {
  expect(response.status).toBe(303);
  const cookie = sessionCookie(response);
  expect(cookie).toBeDefined();
  const me = await api("/api/me", { headers: { cookie: cookie! } });
  expect(me.status).toBe(200);
  return (await me.json()) as Me;
}

describe("ACS: nesting depth", () => {
  it("refuses an assertion nested 8,000 elements deep with 400 saml_xml_invalid, and logs the refusal", async () => {
    const { org, xml } = await signedResponseFor("ada@example.com");
    await expectRefused(await postAcs(org.id, base64(nestedInsideAssertion(xml, 8000))), "saml_xml_invalid");
    expect(await newestLogEntry(org.id)).toMatchObject({ event: "sso.login_failed", code: "saml_xml_invalid" });
  });

  it("draws the line at 100 levels: Response and Assertion plus 98 parse (and fail on the signature), 99 do not", async () => {
    const { org, xml } = await signedResponseFor("ada@example.com");
    const atCap = await postAcs(org.id, base64(nestedInsideAssertion(xml, 98)));
    expect({ status: atCap.status, code: await errorCode(atCap) }).toEqual({ status: 401, code: expect.stringMatching(/^saml_signature/) });
    await expectRefused(await postAcs(org.id, base64(nestedInsideAssertion(xml, 99))), "saml_xml_invalid");
  });
});

describe("ACS: attribute names that every JavaScript object inherits", () => {
  it("signs in when the assertion carries attributes named constructor, hasOwnProperty and __proto__", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: { attribute: "groups", rules: [{ value: "helpdesk", role: "operator" }] } });
    const attributes = { email: ["ada@example.com"], constructor: ["x"], hasOwnProperty: ["y"], groups: ["helpdesk"] };
    // An object literal's `__proto__:` sets the prototype; define it as an own property so the IdP really sends it.
    Object.defineProperty(attributes, "__proto__", { value: ["z"], enumerable: true });
    const me = await meOf(await postAcs(org.id, await idp.samlResponse(validFor(org, { nameId: "ada@example.com", attributes }))));
    expect(me).toEqual({ email: "ada@example.com", role: "operator", orgId: org.id });
  });

  it("signs in with the default role when the mapped attribute is absent and the assertion names others constructor", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: { attribute: "groups", rules: [{ value: "helpdesk", role: "operator" }] } });
    const saml = await idp.samlResponse(validFor(org, { nameId: "ada@example.com", attributes: { email: ["ada@example.com"], constructor: ["helpdesk"] } }));
    expect((await meOf(await postAcs(org.id, saml))).role).toBe("viewer");
  });

  it.each([
    ["emailAttribute", { emailAttribute: "constructor" }],
    ["emailAttribute", { emailAttribute: "__proto__" }],
    ["roleMapping.attribute", { roleMapping: { attribute: "hasOwnProperty", rules: [{ value: "a", role: "admin" }] } }],
    ["roleMapping.attribute", { roleMapping: { attribute: "__proto__", rules: [{ value: "a", role: "admin" }] } }],
  ])("PATCH refuses an inherited name as %s, and stores nothing", async (_field, patch) => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const before = await (await api(`/api/orgs/${org.id}`, { headers: BOOTSTRAP })).json();
    const response = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: patch });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("invalid_request");
    expect(await (await api(`/api/orgs/${org.id}`, { headers: BOOTSTRAP })).json()).toEqual(before);
  });
});
