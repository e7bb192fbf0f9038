import { describe, expect, it } from "vitest";
import { ScimUserListSchema, ScimUserSchema } from "../../../shared/scim";
import { api } from "../support/api";
import { expectExact } from "../support/exact-schema";
import { json, oktaUser, scimError, scimOrg } from "./support";

const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;

async function created(scim: Awaited<ReturnType<typeof scimOrg>>["scim"], email: string, overrides: Record<string, unknown> = {}) {
  return ScimUserSchema.parse(await json(await scim("/Users", { method: "POST", json: oktaUser(email, overrides) }), 201));
}

describe("SCIM Users: create, get, replace, delete (RFC 7644 §3.3, §3.4.1, §3.5.1, §3.6)", () => {
  it("POST answers 201 with the resource, its meta and a Location header's worth of URL; GET answers the same", async () => {
    const { scim, base } = await scimOrg();
    const user = await created(scim, "Grace@Example.com");
    expect(user).toMatchObject({
      userName: "grace@example.com",
      active: true,
      displayName: "Ada Lovelace",
      emails: [{ value: "grace@example.com", primary: true }],
    });
    expect(user.meta).toMatchObject({ resourceType: "User", location: `${base}/Users/${user.id}`, version: expect.stringMatching(/^W\//) });
    expect(user).not.toHaveProperty("password");
    expect(ScimUserSchema.parse(await json(await scim(`/Users/${user.id}`)))).toEqual(user);
    // The answer check skips scim+json bodies, so the exact shape is held here: no key the schema does not declare.
    expectExact(ScimUserSchema, await json(await scim(`/Users/${user.id}`)));
    expectExact(ScimUserListSchema, await json(await scim("/Users")));
  });

  it("a userName already taken, in any case, answers 409 uniqueness", async () => {
    const { scim } = await scimOrg();
    await created(scim, "linus@example.com");
    expect(await scimError(await scim("/Users", { method: "POST", json: oktaUser("LINUS@example.com") }), 409)).toMatchObject({
      status: "409",
      scimType: "uniqueness",
    });
  });

  it("a userName that is not an email, or a missing one, answers 400 invalidValue; JSON that does not parse, 400 invalidSyntax", async () => {
    const { scim } = await scimOrg();
    expect(await scimError(await scim("/Users", { method: "POST", json: oktaUser("not-an-email") }), 400)).toMatchObject({ scimType: "invalidValue" });
    expect(await scimError(await scim("/Users", { method: "POST", json: { schemas: [], active: true } }), 400)).toMatchObject({ scimType: "invalidValue" });
  });

  it("a body that is not JSON answers 400 invalidSyntax", async () => {
    const { org, token } = await scimOrg();
    const response = await api(`/${org.id}/scim/v2/Users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json" },
      body: '{"userName": ',
    });
    expect(await scimError(response, 400)).toMatchObject({ status: "400", scimType: "invalidSyntax" });
  });

  it("accepts application/json requests as well as application/scim+json", async () => {
    const { org, token } = await scimOrg();
    const response = await api(`/${org.id}/scim/v2/Users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      json: oktaUser("json@example.com"),
    });
    expect(response.status).toBe(201);
  });

  it("a body over the cap answers 413 in SCIM's error body", async () => {
    const { scim } = await scimOrg();
    const response = await scim("/Users", { method: "POST", json: oktaUser("big@example.com", { padding: "x".repeat(300 * 1024) }) });
    expect((await scimError(response, 413)).status).toBe("413");
  });

  it("GET of an unknown or malformed ID answers 404", async () => {
    const { scim } = await scimOrg();
    expect((await scimError(await scim("/Users/usr_000000000000000000000000"), 404)).status).toBe("404");
    expect((await scimError(await scim(`/Users/${"x".repeat(200)}`), 404)).status).toBe("404");
  });

  it("PUT replaces every kept attribute (an absent one is cleared) and may change the userName, not to a taken one", async () => {
    const { scim } = await scimOrg();
    const user = await created(scim, "put@example.com");
    await created(scim, "taken@example.com");
    const replaced = ScimUserSchema.parse(
      await json(await scim(`/Users/${user.id}`, { method: "PUT", json: { userName: "Put2@example.com", name: { givenName: "P" } } })),
    );
    expect(replaced).toMatchObject({ userName: "put2@example.com", name: { givenName: "P" }, active: true });
    expect(replaced).not.toHaveProperty("externalId");
    expect(replaced).not.toHaveProperty("displayName");
    expect(await scimError(await scim(`/Users/${user.id}`, { method: "PUT", json: { userName: "taken@example.com" } }), 409)).toMatchObject({
      scimType: "uniqueness",
    });
    expect((await scimError(await scim("/Users/usr_nope", { method: "PUT", json: { userName: "x@example.com" } }), 404)).status).toBe("404");
  });

  it("DELETE answers 204; the user is then 404 to SCIM, and a later POST of the same userName brings back the same user", async () => {
    const { scim } = await scimOrg();
    const user = await created(scim, "gone@example.com");
    expect((await scim(`/Users/${user.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await scimError(await scim(`/Users/${user.id}`), 404)).status).toBe("404");
    expect(ScimUserListSchema.parse(await json(await scim(q('userName eq "gone@example.com"')))).totalResults).toBe(0);
    expect((await scim(`/Users/${user.id}`, { method: "DELETE" })).status).toBe(404);
    const back = await created(scim, "gone@example.com");
    expect(back).toMatchObject({ id: user.id, active: true });
  });
});

describe("SCIM Users: list, filter and paging (RFC 7644 §3.4.2)", () => {
  it("filters by userName (case-insensitively), externalId and id; other filters answer 400 invalidFilter", async () => {
    const { scim } = await scimOrg();
    const ada = await created(scim, "ada@example.com", { externalId: "ext-ada" });
    await created(scim, "bob@example.com", { externalId: "ext-bob" });
    const ids = async (filter: string) => ScimUserListSchema.parse(await json(await scim(q(filter)))).Resources.map((r) => r.id);
    expect(await ids('userName eq "ADA@example.COM"')).toEqual([ada.id]);
    expect(await ids('USERNAME EQ "ada@example.com"')).toEqual([ada.id]);
    expect(await ids('externalId eq "ext-ada"')).toEqual([ada.id]);
    expect(await ids(`id eq "${ada.id}"`)).toEqual([ada.id]);
    expect(await ids('externalId eq "EXT-ADA"')).toEqual([]);
    for (const filter of ['userName co "ada"', 'userName eq "a" and active eq true', "userName eq ada", 'title eq "x"', 'userName eq "unterminated']) {
      expect(await scimError(await scim(q(filter)), 400), filter).toMatchObject({ status: "400", scimType: "invalidFilter" });
    }
  });

  it("startIndex is 1-based, count bounds the page, totalResults counts them all; out-of-range values are clamped", async () => {
    const { scim } = await scimOrg();
    for (const name of ["p1", "p2", "p3"]) await created(scim, `${name}@example.com`);
    const page = ScimUserListSchema.parse(await json(await scim("/Users?startIndex=2&count=1")));
    expect(page).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources[0]!.userName).toBe("p2@example.com");
    expect(ScimUserListSchema.parse(await json(await scim("/Users?startIndex=0&count=5000")))).toMatchObject({ startIndex: 1, itemsPerPage: 3 });
    expect(ScimUserListSchema.parse(await json(await scim("/Users?count=0")))).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect(ScimUserListSchema.parse(await json(await scim("/Users?startIndex=10")))).toMatchObject({ totalResults: 3, itemsPerPage: 0 });
    expect(await scimError(await scim("/Users?count=abc"), 400)).toMatchObject({ scimType: "invalidValue" });
  });
});
