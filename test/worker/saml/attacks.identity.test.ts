/**
 * docs/saml-checks.md §10 and JIT provisioning: which email a signed assertion proves (exactly one non-empty value,
 * NameID fallback only when the attribute is absent, full text content, lower case), the role a new or existing
 * user gets, and that no user is created by a refused response.
 */
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../../shared/errors";
import type { Me, User } from "../../../shared/users";
import { type OktaResponseOptions, signOktaResponse, type TestIdp, utf8ToBase64 } from "../../support/idp";
import { api, BOOTSTRAP, expectRefused, orgWithSso, postAcs, sessionCookie, testIdp, validFor } from "../support/api";

const NAMEID_UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
const ROLE_MAPPING = {
  attribute: "groups",
  rules: [
    { value: "okta-admins", role: "admin" },
    { value: "helpdesk", role: "operator" },
  ],
};

async function signEdited(idp: TestIdp, options: OktaResponseOptions, edit: (xml: string) => string): Promise<string> {
  const xml = edit(idp.responseXml(options));
  return utf8ToBase64(await signOktaResponse(xml, { privateKeyPem: idp.identity.privateKeyPem, certPem: idp.identity.certPem }));
}

/** Posts a response that must be accepted and returns who /api/me says signed in. */
async function signedInAs(orgId: string, samlResponse: string): Promise<Me> {
  const response = await postAcs(orgId, samlResponse);
  expect(response.status).toBe(303);
  const cookie = sessionCookie(response);
  expect(cookie).toBeDefined();
  const me = await api("/api/me", { headers: { cookie: cookie! } });
  expect(me.status).toBe(200);
  return (await me.json()) as Me;
}

async function listUsers(orgId: string): Promise<User[]> {
  const response = await api(`/api/orgs/${orgId}/users`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  return ((await response.json()) as { users: User[] }).users;
}

async function provision(orgId: string, email: string, role: string): Promise<void> {
  const response = await api(`/api/orgs/${orgId}/users`, { method: "POST", headers: BOOTSTRAP, json: { email, role } });
  expect(response.status).toBe(201);
}

describe("identity: positive control", () => {
  it("the single email attribute value is the identity, and a JIT user is created with it", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const me = await signedInAs(org.id, await idp.samlResponse(validFor(org, { nameId: "nameid@example.com", attributes: { email: ["ada@example.com"] } })));
    expect(me).toEqual({ email: "ada@example.com", role: "viewer", orgId: org.id });
    expect((await listUsers(org.id)).map((user) => [user.email, user.roleSource])).toEqual([["ada@example.com", "jit"]]);
  });
});

describe("docs/saml-checks.md §10: exactly one non-empty email", () => {
  it("falls back to an email-format NameID only when the email attribute is absent", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const me = await signedInAs(org.id, await idp.samlResponse(validFor(org, { nameId: "grace@example.com", attributes: {} })));
    expect(me.email).toBe("grace@example.com");
  });

  it("refuses an assertion with neither an email attribute nor an email-format NameID", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { nameId: "grace@example.com", nameIdFormat: NAMEID_UNSPECIFIED, attributes: {} }));
    await expectRefused(await postAcs(org.id, saml), "saml_email_missing");
  });

  it("refuses an empty email value (and does not fall back to the NameID)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { nameId: "grace@example.com", attributes: { email: [""] } }));
    await expectRefused(await postAcs(org.id, saml), "saml_email_missing");
  });

  it("refuses a whitespace-only email value", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { attributes: { email: ["  \n "] } }));
    await expectRefused(await postAcs(org.id, saml), "saml_email_missing");
  });

  it("refuses an email attribute with two values rather than picking one", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { attributes: { email: ["ada@example.com", "admin@example.com"] } }));
    await expectRefused(await postAcs(org.id, saml), "saml_email_ambiguous");
  });

  it("refuses two email attributes rather than picking one", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await signEdited(idp, validFor(org, { attributes: { email: ["ada@example.com"] } }), (xml) => {
      const attribute = /<saml2:Attribute Name="email".*?<\/saml2:Attribute>/.exec(xml)![0];
      return xml.replace(attribute, attribute + attribute.replace("ada@example.com", "admin@example.com"));
    });
    await expectRefused(await postAcs(org.id, saml), "saml_email_ambiguous");
  });

  it("refuses a value that is not an email address", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { attributes: { email: ["ada at example.com"] } }));
    await expectRefused(await postAcs(org.id, saml), "saml_email_invalid");
  });

  it("refuses a non-email NameID even in email format when the attribute is absent", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { nameId: "not-an-email", attributes: {} }));
    await expectRefused(await postAcs(org.id, saml), "saml_email_invalid");
  });

  it("normalises an upper-case email to lower case", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const me = await signedInAs(org.id, await idp.samlResponse(validFor(org, { attributes: { email: ["Ada.Lovelace@Example.COM"] } })));
    expect(me.email).toBe("ada.lovelace@example.com");
  });

  it("reads the full text content: a comment inside the signed value cannot truncate it", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await signEdited(idp, validFor(org, { attributes: { email: ["admin@example.com.evil.example"] } }), (xml) => {
      const edited = xml.replace(">admin@example.com.evil.example<", ">admin@example.com<!---->.evil.example<");
      expect(edited).toContain("<!---->");
      return edited;
    });
    const me = await signedInAs(org.id, saml);
    expect(me.email).toBe("admin@example.com.evil.example");
  });
});

describe("JIT provisioning and roles", () => {
  it("a new user gets the organization's defaultRole", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { defaultRole: "operator" });
    const me = await signedInAs(org.id, await idp.samlResponse(validFor(org)));
    expect(me.role).toBe("operator");
  });

  it("role mapping: the highest matching rule wins (groups [helpdesk, okta-admins] → admin)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: ROLE_MAPPING });
    const saml = await idp.samlResponse(validFor(org, { attributes: { email: ["ada@example.com"], groups: ["helpdesk", "okta-admins"] } }));
    expect((await signedInAs(org.id, saml)).role).toBe("admin");
  });

  it("role mapping: helpdesk alone maps to operator; no matching group falls back to defaultRole", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: ROLE_MAPPING });
    const helpdesk = await idp.samlResponse(validFor(org, { nameId: "hd@example.com", attributes: { email: ["hd@example.com"], groups: ["helpdesk"] } }));
    expect((await signedInAs(org.id, helpdesk)).role).toBe("operator");
    const nobody = await idp.samlResponse(
      validFor(org, { nameId: "nb@example.com", attributes: { email: ["nb@example.com"], groups: ["Okta-Admins", "everyone"] } }),
    );
    expect((await signedInAs(org.id, nobody)).role).toBe("viewer");
  });

  it("a pre-provisioned admin keeps the admin-set role when the mapping says operator", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: ROLE_MAPPING });
    await provision(org.id, "boss@example.com", "admin");
    const saml = await idp.samlResponse(validFor(org, { nameId: "boss@example.com", attributes: { email: ["boss@example.com"], groups: ["helpdesk"] } }));
    expect((await signedInAs(org.id, saml)).role).toBe("admin");
  });

  it("a pre-provisioned viewer is not raised to admin by the mapping", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: ROLE_MAPPING });
    await provision(org.id, "intern@example.com", "viewer");
    const saml = await idp.samlResponse(
      validFor(org, { nameId: "intern@example.com", attributes: { email: ["intern@example.com"], groups: ["okta-admins"] } }),
    );
    expect((await signedInAs(org.id, saml)).role).toBe("viewer");
  });
});

describe("no JIT user is created on any failure", () => {
  const failures: Array<[string, Partial<OktaResponseOptions>, ErrorCode]> = [
    ["two email values", { attributes: { email: ["ada@example.com", "eve@example.com"] } }, "saml_email_ambiguous"],
    ["wrong audience", { audience: "https://other-sp.example/metadata" }, "saml_audience_mismatch"],
    ["expired", { conditionsNotOnOrAfter: new Date(Date.now() - 3_600_000), subjectNotOnOrAfter: new Date(Date.now() - 3_600_000) }, "saml_expired"],
    ["unknown InResponseTo", { inResponseTo: "_never-issued" }, "saml_in_response_to_unknown"],
  ];
  for (const [what, overrides, code] of failures) {
    it(`a response refused for ${what} (${code}) leaves the user list empty`, async () => {
      const idp = await testIdp();
      const org = await orgWithSso(idp);
      await expectRefused(await postAcs(org.id, await idp.samlResponse(validFor(org, overrides))), code);
      expect(await listUsers(org.id)).toEqual([]);
    });
  }
});
