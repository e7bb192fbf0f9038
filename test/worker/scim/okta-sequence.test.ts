import { describe, expect, it } from "vitest";
import { SCIM_GROUP, ScimGroupSchema, ScimUserListSchema, ScimUserSchema } from "../../../shared/scim";
import { api, BOOTSTRAP, orgWithSso, signIn, testIdp } from "../support/api";
import { json, newToken, oktaUser, patch, scimClient } from "./support";

/**
 * Okta's provisioning, step by step, as its SCIM client calls (docs/scim.md): assign (look up by userName, find
 * nothing, create), update the profile, push a group and its members, unassign (deactivate), reassign.
 */
describe("Okta's provisioning sequence against the worker", () => {
  it("assign, update, push group, unassign (sessions ended), reassign", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { roleMapping: { attribute: "groups", rules: [{ value: "Companion Operators", role: "operator" }] } });
    const scim = scimClient(org.id, (await newToken(org.id)).token);
    const email = "ada.seq@example.com";

    // Assign: Okta asks whether the user exists (userName eq, any case), finds none, and creates them.
    const lookup = ScimUserListSchema.parse(
      await json(await scim(`/Users?filter=${encodeURIComponent('userName eq "Ada.Seq@Example.com"')}&startIndex=1&count=100`)),
    );
    expect(lookup).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
    const created = await scim("/Users", { method: "POST", json: oktaUser("Ada.Seq@Example.com") });
    expect(created.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const user = ScimUserSchema.parse(await json(created, 201));
    expect(user).toMatchObject({ userName: email, active: true, externalId: "00u1abcd", name: { givenName: "Ada", familyName: "Lovelace" } });
    expect(user.meta).toMatchObject({ resourceType: "User", location: `https://companion.test/${org.id}/scim/v2/Users/${user.id}` });
    const found = ScimUserListSchema.parse(await json(await scim(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`)));
    expect(found.Resources.map((r) => r.id)).toEqual([user.id]);

    // Update: a profile change by PUT (the whole user), then a name by PATCH.
    const replaced = ScimUserSchema.parse(
      await json(await scim(`/Users/${user.id}`, { method: "PUT", json: oktaUser(email, { name: { givenName: "Augusta", familyName: "King" } }) })),
    );
    expect(replaced.name).toEqual({ givenName: "Augusta", familyName: "King" });
    const patched = ScimUserSchema.parse(
      await json(await scim(`/Users/${user.id}`, { method: "PATCH", json: patch({ op: "replace", path: "name.givenName", value: "Ada" }) })),
    );
    expect(patched.name).toEqual({ givenName: "Ada", familyName: "King" });

    // The user signs in through SAML: the same user (SCIM first, then JIT finds them), still a viewer.
    const cookie = await signIn(idp, org, email);
    expect(await json(await api("/api/me", { headers: { cookie } }))).toMatchObject({ email, role: "viewer" });

    // Push group: Okta creates the group, then adds members by PATCH; the mapping makes the member an operator.
    const group = ScimGroupSchema.parse(
      await json(await scim("/Groups", { method: "POST", json: { schemas: [SCIM_GROUP], displayName: "Companion Operators", members: [] } }), 201),
    );
    const withMember = ScimGroupSchema.parse(
      await json(
        await scim(`/Groups/${group.id}`, { method: "PATCH", json: patch({ op: "add", path: "members", value: [{ value: user.id, display: email }] }) }),
      ),
    );
    expect(withMember.members.map((m) => m.value)).toEqual([user.id]);
    expect(await json(await api("/api/me", { headers: { cookie } }))).toMatchObject({ role: "operator" });

    // Unassign: Okta deactivates; every session ends at once and the user cannot sign in.
    const inactive = ScimUserSchema.parse(
      await json(await scim(`/Users/${user.id}`, { method: "PATCH", json: patch({ op: "replace", value: { active: false } }) })),
    );
    expect(inactive.active).toBe(false);
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
    await expect(signIn(idp, org, email)).rejects.toThrow(/403/);

    // Reassign: active again, and sign-in works, with the group's role.
    const again = ScimUserSchema.parse(
      await json(await scim(`/Users/${user.id}`, { method: "PATCH", json: patch({ op: "replace", value: { active: true } }) })),
    );
    expect(again.active).toBe(true);
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
    const back = await signIn(idp, org, email);
    expect(await json(await api("/api/me", { headers: { cookie: back } }))).toMatchObject({ role: "operator" });

    // Every SCIM write was audited with the SCIM actor.
    const audit = await json<{ entries: Array<{ actor: { kind: string }; action: string }> }>(
      await api(`/api/orgs/${org.id}/audit?limit=50`, { headers: BOOTSTRAP }),
    );
    const scimActions = audit.entries.filter((entry) => entry.actor.kind === "scim").map((entry) => entry.action);
    expect(scimActions.toReversed()).toEqual([
      "scim_user_create",
      "scim_user_replace",
      "scim_user_patch",
      "scim_group_create",
      "scim_group_patch",
      "scim_user_patch",
      "scim_user_patch",
    ]);
  });
});
