import { describe, expect, it } from "vitest";
import { SCIM_GROUP, ScimGroupSchema, ScimUserSchema } from "../../../shared/scim";
import { api, BOOTSTRAP } from "../support/api";
import { json, oktaUser, patch, type ScimClient, scimOrg } from "./support";

const mapping = {
  roleMapping: {
    attribute: "groups",
    rules: [
      { value: "Ops", role: "operator" },
      { value: "Admins", role: "admin" },
    ],
  },
};

async function roleOf(orgId: string, email: string) {
  const list = await json<{ users: Array<{ email: string; role: string; roleSource: string; provisionedBy: string }> }>(
    await api(`/api/orgs/${orgId}/users`, { headers: BOOTSTRAP }),
  );
  return list.users.find((u) => u.email === email)!;
}
async function user(scim: ScimClient, email: string) {
  return ScimUserSchema.parse(await json(await scim("/Users", { method: "POST", json: oktaUser(email) }), 201)).id;
}
async function group(scim: ScimClient, displayName: string, members: string[]) {
  return ScimGroupSchema.parse(
    await json(await scim("/Groups", { method: "POST", json: { schemas: [SCIM_GROUP], displayName, members: members.map((value) => ({ value })) } }), 201),
  );
}

describe("SCIM groups feed the organization's role mapping (docs/scim.md)", () => {
  it("a mapped group's members get its role, the highest match wins, leaving the group falls back to the default role", async () => {
    const { org, scim } = await scimOrg();
    await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: mapping });
    const id = await user(scim, "r1@example.com");
    expect(await roleOf(org.id, "r1@example.com")).toMatchObject({ role: "viewer", provisionedBy: "scim" });
    const ops = await group(scim, "Ops", [id]);
    expect(await roleOf(org.id, "r1@example.com")).toMatchObject({ role: "operator", roleSource: "mapping" });
    const admins = await group(scim, "Admins", [id]);
    expect((await roleOf(org.id, "r1@example.com")).role).toBe("admin");
    await scim(`/Groups/${admins.id}`, { method: "DELETE" });
    expect((await roleOf(org.id, "r1@example.com")).role).toBe("operator");
    await scim(`/Groups/${ops.id}`, { method: "PATCH", json: patch({ op: "remove", path: `members[value eq "${id}"]` }) });
    expect(await roleOf(org.id, "r1@example.com")).toMatchObject({ role: "viewer", roleSource: "jit" });
  });

  it("renaming a group to a mapped name applies the mapping to its members; an unmapped group changes nothing", async () => {
    const { org, scim } = await scimOrg();
    await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: mapping });
    const id = await user(scim, "r2@example.com");
    const g = await group(scim, "Unmapped", [id]);
    expect((await roleOf(org.id, "r2@example.com")).role).toBe("viewer");
    await scim(`/Groups/${g.id}`, { method: "PATCH", json: patch({ op: "replace", path: "displayName", value: "Ops" }) });
    expect((await roleOf(org.id, "r2@example.com")).role).toBe("operator");
  });

  it("a role an admin set is kept whatever the groups say; without a mapping groups decide nothing", async () => {
    const { org, scim } = await scimOrg();
    await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: mapping });
    const id = await user(scim, "r3@example.com");
    await api(`/api/orgs/${org.id}/users/${id}`, { method: "PATCH", headers: BOOTSTRAP, json: { role: "operator" } });
    await group(scim, "Admins", [id]);
    expect(await roleOf(org.id, "r3@example.com")).toMatchObject({ role: "operator", roleSource: "admin" });

    const plain = await scimOrg();
    const other = await user(plain.scim, "r4@example.com");
    await group(plain.scim, "Admins", [other]);
    expect((await roleOf(plain.org.id, "r4@example.com")).role).toBe("viewer");
  });
});

describe("a change of the role mapping reaches SCIM-derived roles at the next SCIM write", () => {
  it("a rule that no longer grants a role stops granting it, for every member, when Okta next writes anything", async () => {
    const { org, scim } = await scimOrg();
    await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: mapping });
    const id = await user(scim, "policy@example.com");
    await group(scim, "Admins", [id]);
    expect((await roleOf(org.id, "policy@example.com")).role).toBe("admin");
    await api(`/api/orgs/${org.id}`, {
      method: "PATCH",
      headers: BOOTSTRAP,
      json: { roleMapping: { attribute: "groups", rules: [{ value: "Ops", role: "operator" }] } },
    });
    await user(scim, "someone-else@example.com");
    expect(await roleOf(org.id, "policy@example.com")).toMatchObject({ role: "viewer", roleSource: "jit" });
  });
});
