import { describe, expect, it } from "vitest";
import { SCIM_GROUP, ScimGroupListSchema, ScimGroupSchema, ScimUserSchema } from "../../../shared/scim";
import { expectExact } from "../support/exact-schema";
import { json, oktaUser, patch, type ScimClient, scimError, scimOrg } from "./support";

async function users(scim: ScimClient, ...emails: string[]) {
  const ids: string[] = [];
  for (const email of emails) ids.push(ScimUserSchema.parse(await json(await scim("/Users", { method: "POST", json: oktaUser(email) }), 201)).id);
  return ids;
}
async function group(scim: ScimClient, displayName: string, members: string[] = []) {
  const body = { schemas: [SCIM_GROUP], displayName, members: members.map((value) => ({ value })) };
  return ScimGroupSchema.parse(await json(await scim("/Groups", { method: "POST", json: body }), 201));
}
const patchGroup = async (scim: ScimClient, id: string, ...operations: unknown[]) =>
  ScimGroupSchema.parse(await json(await scim(`/Groups/${id}`, { method: "PATCH", json: patch(...operations) })));
const memberIds = (g: { members: Array<{ value: string }> }) => g.members.map((m) => m.value).sort();

describe("SCIM Groups (RFC 7644 §3)", () => {
  it("POST with members answers 201, members by user ID with display and $ref; GET, list with displayName eq (any case)", async () => {
    const { scim, base } = await scimOrg();
    const [a] = await users(scim, "ga@example.com");
    const g = await group(scim, "Engineering", [a!]);
    expect(g.members).toEqual([{ value: a, display: "ga@example.com", $ref: `${base}/Users/${a}` }]);
    expect(g.meta).toMatchObject({ resourceType: "Group", location: `${base}/Groups/${g.id}` });
    expect(expectExact(ScimGroupSchema, await json(await scim(`/Groups/${g.id}`)))).toEqual(g);
    await group(scim, "Sales");
    const found = ScimGroupListSchema.parse(await json(await scim(`/Groups?filter=${encodeURIComponent('displayName eq "engineering"')}`)));
    expect(found.Resources.map((r) => r.id)).toEqual([g.id]);
    expect(expectExact(ScimGroupListSchema, await json(await scim("/Groups"))).totalResults).toBe(2);
    expect(await scimError(await scim(`/Groups?filter=${encodeURIComponent('members eq "x"')}`), 400)).toMatchObject({ scimType: "invalidFilter" });
  });

  it("a taken displayName answers 409 uniqueness; an unknown member 400 invalidValue; an unknown group 404", async () => {
    const { scim } = await scimOrg();
    await group(scim, "Dup");
    expect(await scimError(await scim("/Groups", { method: "POST", json: { displayName: "DUP" } }), 409)).toMatchObject({ scimType: "uniqueness" });
    expect(await scimError(await scim("/Groups", { method: "POST", json: { displayName: "X", members: [{ value: "usr_nobody" }] } }), 400)).toMatchObject({
      scimType: "invalidValue",
    });
    expect((await scimError(await scim("/Groups/grp_nope"), 404)).status).toBe("404");
    expect((await scim("/Groups/grp_nope", { method: "DELETE" })).status).toBe(404);
  });

  it("PATCH members: add, remove by value list, remove by filter path, Okta's replace-all, remove all", async () => {
    const { scim } = await scimOrg();
    const [a, b, c] = await users(scim, "m1@example.com", "m2@example.com", "m3@example.com");
    const g = await group(scim, "Team");
    expect(memberIds(await patchGroup(scim, g.id, { op: "add", path: "members", value: [{ value: a }, { value: b }, { value: c }] }))).toEqual(
      [a, b, c].sort(),
    );
    expect(memberIds(await patchGroup(scim, g.id, { op: "remove", path: "members", value: [{ value: a }] }))).toEqual([b, c].sort());
    expect(memberIds(await patchGroup(scim, g.id, { op: "remove", path: `members[value eq "${b}"]` }))).toEqual([c]);
    expect(memberIds(await patchGroup(scim, g.id, { op: "replace", path: "members", value: [{ value: a }, { value: b }] }))).toEqual([a, b].sort());
    expect(memberIds(await patchGroup(scim, g.id, { op: "remove", path: "members" }))).toEqual([]);
  });

  it("PATCH with no path renames (Okta sends the id beside the new displayName); a bad path or value is refused", async () => {
    const { scim } = await scimOrg();
    const g = await group(scim, "Old name");
    const renamed = await patchGroup(scim, g.id, { op: "replace", value: { id: g.id, displayName: "New name" } });
    expect(renamed.displayName).toBe("New name");
    const refuse = (...operations: unknown[]) => scim(`/Groups/${g.id}`, { method: "PATCH", json: patch(...operations) });
    expect(await scimError(await refuse({ op: "add", path: "owners", value: [] }), 400)).toMatchObject({ scimType: "invalidPath" });
    expect(await scimError(await refuse({ op: "add", path: 'members[value eq "x"]', value: [] }), 400)).toMatchObject({ scimType: "invalidPath" });
    expect(await scimError(await refuse({ op: "add", path: "members", value: [{ display: "no value" }] }), 400)).toMatchObject({ scimType: "invalidValue" });
    expect(await scimError(await refuse({ op: "replace", path: "displayName", value: "" }), 400)).toMatchObject({ scimType: "invalidValue" });
    expect(await scimError(await refuse({ op: "remove" }), 400)).toMatchObject({ scimType: "noTarget" });
  });

  it("PUT replaces name and members; DELETE answers 204 and the group is gone", async () => {
    const { scim } = await scimOrg();
    const [a, b] = await users(scim, "pg1@example.com", "pg2@example.com");
    const g = await group(scim, "Put me", [a!]);
    const replaced = ScimGroupSchema.parse(
      await json(await scim(`/Groups/${g.id}`, { method: "PUT", json: { displayName: "Put you", members: [{ value: b }] } })),
    );
    expect(replaced).toMatchObject({ displayName: "Put you" });
    expect(memberIds(replaced)).toEqual([b]);
    expect((await scim(`/Groups/${g.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await scimError(await scim(`/Groups/${g.id}`), 404)).status).toBe("404");
  });
});
