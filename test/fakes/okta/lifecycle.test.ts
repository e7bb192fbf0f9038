/** Okta conformance: the user lifecycle state machine, its `_links` and its refusals. */
import { describe, expect, it } from "vitest";
import { adminOrg, control, expectMatchesSpec, expectOktaError, type J, person, seedUsers, setUpConformance } from "./support";

setUpConformance();

describe("users: lifecycle state machine", () => {
  const STATUSES = ["ACTIVE", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "SUSPENDED"];
  const ACTIONS: [string, string, string][] = [
    ["activate", "activate", "activateUser"],
    ["deactivate", "deactivate", "deactivateUser"],
    ["reactivate", "reactivate", "reactivateUser"],
    ["reset_factors", "resetFactors", "resetFactors"],
    ["suspend", "suspend", "suspendUser"],
    ["unsuspend", "unsuspend", "unsuspendUser"],
    ["unlock", "unlock", "unlockUser"],
  ];
  const RESULT: Record<string, string> = {
    suspend: "SUSPENDED",
    unsuspend: "ACTIVE",
    unlock: "ACTIVE",
    deactivate: "DEPROVISIONED",
    reactivate: "PROVISIONED",
  };

  it("offers a lifecycle link exactly when the operation succeeds, for every status and action", async () => {
    const { org, call } = await adminOrg();
    for (const status of STATUSES) {
      for (const [action, rel, operationId] of ACTIONS) {
        const [user] = await seedUsers(org, [person(`${status.toLowerCase()}-${action}`.replace(/_/g, "-"), { status, factorsEnrolled: 1 })]);
        const links = ((await (await call(`/api/v1/users/${user.id}`)).json()) as J)._links;
        const response = await call(`/api/v1/users/${user.id}/lifecycle/${action}`, { method: "POST" });
        expect({ status, action, offered: rel in links, succeeded: response.status === 200 }).toEqual({
          status,
          action,
          offered: response.status === 200,
          succeeded: response.status === 200,
        });
        if (response.status !== 200) await expectOktaError(response, operationId, response.status, ((await response.clone().json()) as J).errorCode);
        else if (RESULT[action]) expect((await control("GET", `/orgs/${org.orgId}/users/${user.id}`)).status).toBe(RESULT[action]);
      }
    }
  });

  it("answers each refused transition with Okta's code", async () => {
    const { call, users } = await adminOrg([person("active"), person("staged", { status: "STAGED" }), person("gone", { status: "DEPROVISIONED" })]);
    const [active, staged, gone] = users;
    const post = (id: string, action: string) => call(`/api/v1/users/${id}/lifecycle/${action}`, { method: "POST" });
    await expectOktaError(await post(active.id, "activate"), "activateUser", 403, "E0000016", "Activation failed because the user is already active");
    const suspend = await expectOktaError(await post(staged.id, "suspend"), "suspendUser", 400, "E0000001");
    expect(suspend.errorCauses.length).toBeGreaterThan(0);
    await expectOktaError(await post(active.id, "unsuspend"), "unsuspendUser", 400, "E0000001");
    await expectOktaError(await post(active.id, "unlock"), "unlockUser", 403, "E0000032", "Unlock is not allowed for this user.");
    await expectOktaError(
      await post(active.id, "reactivate"),
      "reactivateUser",
      403,
      "E0000038",
      "This operation is not allowed in the user's current status.",
    );
    await expectOktaError(await post(gone.id, "deactivate"), "deactivateUser", 404, "E0000007");
    await expectOktaError(await post(active.id, "reset_factors"), "resetFactors", 400, "E0000001");
    await expectOktaError(await post("00uNoSuchUser0000000", "suspend"), "suspendUser", 404, "E0000007");
  });

  it("activates with an activation token only when sendEmail=false, to ACTIVE with a password and PROVISIONED without", async () => {
    const { org, call, users } = await adminOrg([person("pw", { status: "STAGED", hasPassword: true }), person("nopw", { status: "STAGED" })]);
    const quiet = await call(`/api/v1/users/${users[0].id}/lifecycle/activate?sendEmail=false`, { method: "POST" });
    const token = (await quiet.json()) as J;
    expect(token.activationUrl).toBe(`${org.orgUrl}/tokens/${token.activationToken}/verify`);
    expectMatchesSpec("activateUser", 200, token);
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`)).status).toBe("ACTIVE");
    const emailed = await call(`/api/v1/users/${users[1].id}/lifecycle/activate`, { method: "POST" });
    expect(await emailed.json()).toEqual({});
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[1].id}`)).status).toBe("PROVISIONED");
  });

  it("models asynchronous activation: transitioningToStatus, then 409 E0000112 on update until it completes", async () => {
    const { call, users } = await adminOrg([person("slow", { status: "STAGED", hasPassword: true })], { options: { transitionDelayMs: 1000 } });
    await call(`/api/v1/users/${users[0].id}/lifecycle/activate`, { method: "POST" });
    const during = (await (await call(`/api/v1/users/${users[0].id}`)).json()) as J;
    expect([during.status, during.transitioningToStatus]).toEqual(["STAGED", "ACTIVE"]);
    const update = await call(`/api/v1/users/${users[0].id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"profile":{"title":"x"}}',
    });
    expect(((await update.json()) as J).errorCode).toBe("E0000112");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = (await (await call(`/api/v1/users/${users[0].id}`)).json()) as J;
    expect([after.status, after.transitioningToStatus]).toEqual(["ACTIVE", undefined]);
  });
});
