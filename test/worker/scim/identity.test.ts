import { describe, expect, it } from "vitest";
import { SCIM_GROUP, ScimUserListSchema, ScimUserSchema } from "../../../shared/scim";
import { api, BOOTSTRAP, orgWithSso, signIn, testIdp } from "../support/api";
import { json, newToken, oktaUser, scimClient, scimError } from "./support";

async function directory(orgId: string) {
  return (
    await json<{ users: Array<{ id: string; email: string; role: string; provisionedBy: string }> }>(
      await api(`/api/orgs/${orgId}/users`, { headers: BOOTSTRAP }),
    )
  ).users;
}

describe("a SCIM user is the user SAML JIT creates (userName = email), whichever comes first", () => {
  it("JIT first: Okta's userName lookup finds the signed-in user (any case), a POST of it is a 409, PATCH acts on it", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const scim = scimClient(org.id, (await newToken(org.id)).token);
    const cookie = await signIn(idp, org, "jit.first@example.com");
    const [jit] = await directory(org.id);
    const found = ScimUserListSchema.parse(await json(await scim(`/Users?filter=${encodeURIComponent('userName eq "JIT.First@example.com"')}`)));
    expect(found.Resources.map((r) => [r.id, r.userName, r.active])).toEqual([[jit!.id, "jit.first@example.com", true]]);
    expect(await scimError(await scim("/Users", { method: "POST", json: oktaUser("jit.first@example.com") }), 409)).toMatchObject({ scimType: "uniqueness" });
    await scim(`/Users/${jit!.id}`, { method: "PUT", json: oktaUser("jit.first@example.com", { active: false }) });
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
    expect(await directory(org.id)).toEqual([expect.objectContaining({ id: jit!.id, provisionedBy: "jit" })]);
  });

  it("SCIM first: a SAML sign-in lands on the provisioned user (same ID, provisionedBy scim), and keeps the role its groups map to", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: { attribute: "groups", rules: [{ value: "Ops", role: "operator" }] } });
    const scim = scimClient(org.id, (await newToken(org.id)).token);
    const user = ScimUserSchema.parse(await json(await scim("/Users", { method: "POST", json: oktaUser("Scim.First@example.com") }), 201));
    await json(await scim("/Groups", { method: "POST", json: { schemas: [SCIM_GROUP], displayName: "Ops", members: [{ value: user.id }] } }), 201);
    // The assertion carries no groups attribute: the role SCIM's groups map to still holds.
    const cookie = await signIn(idp, org, "scim.first@example.com");
    expect(await json(await api("/api/me", { headers: { cookie } }))).toMatchObject({ email: "scim.first@example.com", role: "operator" });
    expect(await directory(org.id)).toEqual([expect.objectContaining({ id: user.id, provisionedBy: "scim", role: "operator" })]);
  });

  it("an admin-provisioned user says so, and Okta finds them too", async () => {
    const org = await orgWithSso(await testIdp());
    const scim = scimClient(org.id, (await newToken(org.id)).token);
    await api(`/api/orgs/${org.id}/users`, { method: "POST", headers: BOOTSTRAP, json: { email: "pre@example.com", role: "operator" } });
    expect(ScimUserListSchema.parse(await json(await scim(`/Users?filter=${encodeURIComponent('userName eq "pre@example.com"')}`))).totalResults).toBe(1);
    expect(await directory(org.id)).toEqual([expect.objectContaining({ provisionedBy: "admin" })]);
  });
});
