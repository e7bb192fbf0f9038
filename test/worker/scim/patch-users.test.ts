import { describe, expect, it } from "vitest";
import { ScimUserSchema } from "../../../shared/scim";
import { api, BOOTSTRAP, orgWithSso, signIn, testIdp } from "../support/api";
import { json, newToken, oktaUser, patch, type ScimClient, scimClient, scimError, scimOrg } from "./support";

async function user(scim: ScimClient, email: string) {
  return ScimUserSchema.parse(await json(await scim("/Users", { method: "POST", json: oktaUser(email) }), 201));
}
const patchUser = (scim: ScimClient, id: string, ...operations: unknown[]) => scim(`/Users/${id}`, { method: "PATCH", json: patch(...operations) });

describe("SCIM Users: PATCH (RFC 7644 §3.5.2)", () => {
  it("replace with no path and a value object (Okta's deactivation form), and with a path", async () => {
    const { scim } = await scimOrg();
    const u = await user(scim, "p1@example.com");
    expect(ScimUserSchema.parse(await json(await patchUser(scim, u.id, { op: "replace", value: { active: false } }))).active).toBe(false);
    expect(ScimUserSchema.parse(await json(await patchUser(scim, u.id, { op: "replace", path: "active", value: true }))).active).toBe(true);
    // Some clients capitalise the op and send the boolean as a string.
    expect(ScimUserSchema.parse(await json(await patchUser(scim, u.id, { op: "Replace", path: "active", value: "False" }))).active).toBe(false);
  });

  it("sub-attribute paths, a name object, add, remove, and several operations in order", async () => {
    const { scim } = await scimOrg();
    const u = await user(scim, "p2@example.com");
    const after = ScimUserSchema.parse(
      await json(
        await patchUser(
          scim,
          u.id,
          { op: "replace", path: "name.givenName", value: "Augusta" },
          { op: "add", path: "displayName", value: "A. King" },
          { op: "remove", path: "externalId" },
          { op: "replace", value: { "name.familyName": "King", userName: "P2.King@example.com" } },
          { op: "add", path: 'emails[type eq "work"].value', value: "ignored@example.com" },
        ),
      ),
    );
    expect(after).toMatchObject({ userName: "p2.king@example.com", displayName: "A. King", name: { givenName: "Augusta", familyName: "King" } });
    expect(after).not.toHaveProperty("externalId");
    const cleared = ScimUserSchema.parse(await json(await patchUser(scim, u.id, { op: "remove", path: "name" })));
    expect(cleared).not.toHaveProperty("name");
    expect(new Date(cleared.meta.lastModified).getTime()).toBeGreaterThanOrEqual(new Date(u.meta.lastModified).getTime());
  });

  it("refusals: remove with no path (noTarget), a path that is no attribute path (invalidPath), a bad value (invalidValue), no PatchOp schema", async () => {
    const { scim } = await scimOrg();
    const u = await user(scim, "p3@example.com");
    expect(await scimError(await patchUser(scim, u.id, { op: "remove" }), 400)).toMatchObject({ scimType: "noTarget" });
    expect(await scimError(await patchUser(scim, u.id, { op: "replace", path: "na me!", value: 1 }), 400)).toMatchObject({ scimType: "invalidPath" });
    expect(await scimError(await patchUser(scim, u.id, { op: "replace", path: "active", value: "maybe" }), 400)).toMatchObject({ scimType: "invalidValue" });
    expect(await scimError(await patchUser(scim, u.id, { op: "replace", path: "userName", value: "nope" }), 400)).toMatchObject({ scimType: "invalidValue" });
    expect(await scimError(await patchUser(scim, u.id, { op: "move", path: "active", value: true }), 400)).toMatchObject({ scimType: "invalidValue" });
    const noSchema = await scim(`/Users/${u.id}`, { method: "PATCH", json: { Operations: [{ op: "replace", path: "active", value: false }] } });
    expect((await scimError(noSchema, 400)).status).toBe("400");
    expect((await scimError(await patchUser(scim, "usr_nope", { op: "replace", path: "active", value: false }), 404)).status).toBe("404");
  });

  it("a refused PATCH writes nothing: an operation that fails after one that succeeded leaves the user as it was", async () => {
    const { scim, org, tokenId } = await scimOrg();
    const u = await user(scim, "p4@example.com");
    await scimError(await patchUser(scim, u.id, { op: "replace", path: "active", value: false }, { op: "remove" }), 400);
    expect(ScimUserSchema.parse(await json(await scim(`/Users/${u.id}`))).active).toBe(true);
    // The refusal is audited on its own, with the SCIM actor.
    const audit = await json<{ entries: Array<{ actor: { kind: string; id: string }; action: string; result: string; status: number }> }>(
      await api(`/api/orgs/${org.id}/audit`, { headers: BOOTSTRAP }),
    );
    expect(audit.entries[0]).toMatchObject({ actor: { kind: "scim", id: tokenId }, action: "scim_patch_user", result: "refused", status: 400 });
  });

  it("active:false by PATCH, PUT or DELETE ends every session of the user at once: reactivating brings none back", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const scim = scimClient(org.id, (await newToken(org.id)).token);
    const deactivations: Array<(id: string, email: string) => Promise<Response>> = [
      (id) => patchUser(scim, id, { op: "replace", value: { active: false } }),
      (id, email) => scim(`/Users/${id}`, { method: "PUT", json: oktaUser(email, { active: false }) }),
      (id) => scim(`/Users/${id}`, { method: "DELETE" }),
    ];
    for (const [index, deactivate] of deactivations.entries()) {
      const email = `s${index}@example.com`;
      const u = await user(scim, email);
      const cookie = await signIn(idp, org, email);
      expect((await api("/api/me", { headers: { cookie } })).status).toBe(200);
      expect((await deactivate(u.id, email)).status).toBeLessThan(300);
      expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
      // The sessions were deleted, not only hidden behind the disabled flag: reactivation does not revive them.
      if (index < 2) expect((await patchUser(scim, u.id, { op: "replace", value: { active: true } })).status).toBe(200);
      else expect((await scim("/Users", { method: "POST", json: oktaUser(email) })).status).toBe(201);
      expect((await api("/api/me", { headers: { cookie } })).status).toBe(401);
      expect((await api("/api/me", { headers: { cookie: await signIn(idp, org, email) } })).status).toBe(200);
    }
  });
});
