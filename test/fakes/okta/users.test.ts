/** Okta conformance: user lookup, rendering and partial update. */
import { describe, expect, it } from "vitest";
import { adminOrg, control, doc, expectMatchesSpec, expectOktaError, expectOktaHeaders, expectOnlyDeclared, type J, person, setUpConformance } from "./support";

setUpConformance();

describe("users: lookup and update", () => {
  it("finds a user by id, by URL-encoded login, and by unambiguous login shortname; 404 E0000007 otherwise", async () => {
    const { call, users } = await adminOrg([
      person("ada"),
      person("bob"),
      { profile: { ...person("bob").profile, login: "bob@other.test", email: "bob@other.test" } },
    ]);
    const ada = users[0];
    for (const ref of [ada.id, "ada%40acme.test", "ADA%40acme.test", "ada"]) {
      const response = await call(`/api/v1/users/${ref}`);
      expect(response.status).toBe(200);
      expectOktaHeaders(response);
      expect(((await response.json()) as J).id).toBe(ada.id);
    }
    await expectOktaError(await call("/api/v1/users/bob"), "getUser", 404, "E0000007", "Not found: Resource not found: bob (User)");
    await expectOktaError(
      await call("/api/v1/users/00uNoSuchUser0000000"),
      "getUser",
      404,
      "E0000007",
      "Not found: Resource not found: 00uNoSuchUser0000000 (User)",
    );
  });

  it("renders a user like Okta: 00u id, timestamps, type, profile, credentials without secrets, full _links", async () => {
    const { call, users } = await adminOrg([{ ...person("ada"), factorsEnrolled: 1, recoveryQuestion: "First pet?" }]);
    const response = await call(`/api/v1/users/${users[0].id}`);
    const user = (await response.json()) as J;
    expect(user.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(user.credentials).toEqual({ password: {}, recovery_question: { question: "First pet?" }, provider: { type: "OKTA", name: "OKTA" } });
    expect(Object.keys(user._links).sort()).toEqual(
      [
        "changePassword",
        "changeRecoveryQuestion",
        "deactivate",
        "expirePassword",
        "forgotPassword",
        "resetFactors",
        "resetPassword",
        "schema",
        "self",
        "suspend",
        "type",
      ].sort(),
    );
    expectMatchesSpec("getUser", 200, user);
    expectOnlyDeclared(user, "User");
    const linkRels = new Set<string>();
    for (const part of doc.components.schemas.User.properties._links.allOf) for (const key of Object.keys(part.properties ?? {})) linkRels.add(key);
    linkRels.add("self");
    expect(Object.keys(user._links).filter((rel) => !linkRels.has(rel))).toEqual([]);
  });

  it("honours okta-response=omitCredentials,omitCredentialsLinks", async () => {
    const { call, users } = await adminOrg([{ ...person("ada"), factorsEnrolled: 1 }]);
    const response = await call(`/api/v1/users/${users[0].id}`, {
      headers: { "content-type": "application/json; okta-response=omitCredentials,omitCredentialsLinks" },
    });
    const user = (await response.json()) as J;
    expect(user.credentials).toBeUndefined();
    expect(Object.keys(user._links).sort()).toEqual(["deactivate", "expirePassword", "schema", "self", "suspend", "type"]);
  });

  it("updates partially with POST, accepts a password without ever echoing it", async () => {
    const { org, call, users } = await adminOrg([person("ada")]);
    const response = await call(`/api/v1/users/${users[0].id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ profile: { title: "Countess", firstName: "Augusta" }, credentials: { password: { value: "Analytical-Engine-1843" } } }),
    });
    const user = (await response.json()) as J;
    expect(response.status).toBe(200);
    expect(user.profile).toMatchObject({ firstName: "Augusta", lastName: "Tester", title: "Countess", login: "ada@acme.test" });
    expect(JSON.stringify(user)).not.toContain("Analytical-Engine-1843");
    expect(user.credentials.password).toEqual({});
    expectMatchesSpec("updateUser", 200, user);
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`)).passwordValue).toBe("Analytical-Engine-1843");
  });

  it("refuses updates that Okta refuses: DEPROVISIONED user, malformed body, invalid or duplicate login", async () => {
    const { call, users } = await adminOrg([person("ada"), person("bob"), person("gone", { status: "DEPROVISIONED" })]);
    const post = (id: string, body: string) => call(`/api/v1/users/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await expectOktaError(
      await post(users[2].id, JSON.stringify({ profile: { title: "x" } })),
      "updateUser",
      403,
      "E0000038",
      "This operation is not allowed in the user's current status.",
    );
    await expectOktaError(await post(users[0].id, "{not json"), "updateUser", 400, "E0000003", "The request body was not well-formed.");
    const duplicate = await expectOktaError(
      await post(users[0].id, JSON.stringify({ profile: { login: "bob@acme.test" } })),
      "updateUser",
      400,
      "E0000001",
      "Api validation failed: login",
    );
    expect(duplicate.errorCauses).toEqual([{ errorSummary: "login: An object with this field already exists in the current organization" }]);
    await expectOktaError(await post(users[0].id, JSON.stringify({ profile: { lastName: "" } })), "updateUser", 400, "E0000001");
  });
});
