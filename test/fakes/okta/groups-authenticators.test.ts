/** Okta conformance: a user's groups, authenticators and temporary access codes. */
import { describe, expect, it } from "vitest";
import { adminOrg, control, doc, expectMatchesSpec, expectOktaError, expectOnlyDeclared, type J, person, schemaErrors, setUpConformance } from "./support";

setUpConformance();

describe("groups, authenticators and temporary access codes", () => {
  it("lists a user's groups (Everyone first) in the spec's Group shape", async () => {
    const { call, users } = await adminOrg([person("ada", { groups: ["Engineering", "Admins"] })]);
    const response = await call(`/api/v1/users/${users[0].id}/groups`);
    const groups = (await response.json()) as J[];
    expect(groups.map((group) => [group.type, group.profile.name])).toEqual([
      ["BUILT_IN", "Everyone"],
      ["OKTA_GROUP", "Engineering"],
      ["OKTA_GROUP", "Admins"],
    ]);
    expectMatchesSpec("listUserGroups", 200, groups);
    for (const group of groups) {
      expect(group.id).toMatch(/^00g[A-Za-z0-9]{17}$/);
      expectOnlyDeclared(group, "Group");
    }
    await expectOktaError(await call("/api/v1/users/nobody/groups"), "listUserGroups", 404, "E0000007");
  });

  it("lists and gets authenticators, each valid for its key's schema, including tac", async () => {
    const { call } = await adminOrg();
    const listed = (await (await call("/api/v1/authenticators")).json()) as J[];
    expectMatchesSpec("listAuthenticators", 200, listed);
    expect(listed.map((authenticator) => authenticator.key)).toEqual(expect.arrayContaining(["okta_password", "okta_email", "okta_verify", "tac"]));
    const mapping = doc.components.schemas.AuthenticatorBase.discriminator.mapping as Record<string, string>;
    for (const authenticator of listed) {
      const schemaName = mapping[authenticator.key]!.split("/").pop()!;
      expect(schemaErrors({ $ref: `#/components/schemas/${schemaName}` }, authenticator)).toEqual([]);
      expectOnlyDeclared(authenticator, schemaName);
      const got = await call(`/api/v1/authenticators/${authenticator.id}`);
      const body = (await got.json()) as J;
      expect(body).toEqual(authenticator);
      expectMatchesSpec("getAuthenticator", 200, body);
    }
    await expectOktaError(await call("/api/v1/authenticators/autNoSuchAuthenticator"), "getAuthenticator", 404, "E0000007");
  });

  it("issues a TAC by user id only, returns the code once, and replaces the previous code", async () => {
    const { org, call, users } = await adminOrg([person("ada")]);
    const tacId = ((await (await call("/api/v1/authenticators")).json()) as J[]).find((authenticator) => authenticator.key === "tac").id;
    const create = (ref: string, body: unknown) =>
      call(`/api/v1/users/${ref}/authenticator-enrollments/tac`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const response = await create(users[0].id, { authenticatorId: tacId, profile: { ttl: "60", multiUse: false } });
    const enrollment = (await response.json()) as J;
    expect(response.status).toBe(200);
    expectMatchesSpec("createTacAuthenticatorEnrollment", 200, enrollment);
    expectOnlyDeclared(enrollment, "TacAuthenticatorEnrollment");
    expect(enrollment).toMatchObject({ type: "tac", key: "tac", status: "ACTIVE", name: "Temporary Access Code", profile: { multiUse: false } });
    expect(enrollment.profile.tac).toMatch(/^\S{8,}$/);
    expect(Date.parse(enrollment.profile.expiresAt) - Date.parse(enrollment.created)).toBe(60 * 60_000);

    const second = (await (await create(users[0].id, { authenticatorId: tacId })).json()) as J;
    const state = await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`);
    expect(state.tac.id).toBe(second.id);
    expect(state.tac.tac).toBe(second.profile.tac);
    expect(second.profile.tac).not.toBe(enrollment.profile.tac);
    // The code is never readable through the user afterwards.
    expect(JSON.stringify(await (await call(`/api/v1/users/${users[0].id}`)).json())).not.toContain(second.profile.tac);

    await expectOktaError(await create("ada%40acme.test", { authenticatorId: tacId }), "createTacAuthenticatorEnrollment", 404, "E0000007");
    const passwordId = ((await (await call("/api/v1/authenticators")).json()) as J[]).find((authenticator) => authenticator.key === "okta_password").id;
    await expectOktaError(await create(users[0].id, { authenticatorId: passwordId }), "createTacAuthenticatorEnrollment", 400, "E0000001");
    for (const ttl of ["5", "14401", 60, "1h"]) {
      await expectOktaError(await create(users[0].id, { authenticatorId: tacId, profile: { ttl } }), "createTacAuthenticatorEnrollment", 400, "E0000001");
    }
  });
});
