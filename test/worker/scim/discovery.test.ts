import { describe, expect, it } from "vitest";
import { json, scimError, scimOrg } from "./support";

describe("SCIM discovery (RFC 7644 §4)", () => {
  it("ServiceProviderConfig: PATCH and filter supported, bulk, sort, ETag and password change not; bearer token", async () => {
    const { scim, base } = await scimOrg();
    const response = await scim("/ServiceProviderConfig");
    expect(response.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const config = await json(response);
    expect(config).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      bulk: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
      meta: { location: `${base}/ServiceProviderConfig` },
    });
  });

  it("ResourceTypes names User and Group; Schemas describes their attributes, userName unique", async () => {
    const { scim } = await scimOrg();
    const types = await json<{ totalResults: number; Resources: Array<{ id: string; endpoint: string; schema: string }> }>(await scim("/ResourceTypes"));
    expect(types.Resources.map((r) => [r.id, r.endpoint])).toEqual([
      ["User", "/Users"],
      ["Group", "/Groups"],
    ]);
    const schemas = await json<{ Resources: Array<{ id: string; attributes: Array<{ name: string; uniqueness: string }> }> }>(await scim("/Schemas"));
    const user = schemas.Resources.find((r) => r.id === "urn:ietf:params:scim:schemas:core:2.0:User")!;
    expect(user.attributes.find((a) => a.name === "userName")).toMatchObject({ uniqueness: "server" });
    expect(schemas.Resources.map((r) => r.id)).toContain("urn:ietf:params:scim:schemas:core:2.0:Group");
  });

  it("an unknown SCIM endpoint answers 404 in SCIM's error body", async () => {
    const { scim } = await scimOrg();
    const body = await scimError(await scim("/Bulk", { method: "POST", json: {} }), 404);
    expect(body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
  });
});
