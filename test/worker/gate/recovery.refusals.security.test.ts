import { describe, expect, it } from "vitest";
import { mismatchOf } from "../../../worker/src/gate/verification-refresh";
import { eventually } from "../persona/support";
import { SECRET, signature } from "../persona/webhook-support";
import { api, BOOTSTRAP, errorCode } from "../support/api";
import { recoveryFixture, started } from "./recovery-support";

type Fixture = Awaited<ReturnType<typeof recoveryFixture>>;

/** A verification of `user` that Persona approved. */
async function verified(fixture: Fixture, user: string, body?: unknown, fields?: Record<string, string>) {
  const { id, inquiryId } = await started(await fixture.start(user, body));
  if (fields) await fixture.verifiedFields(inquiryId, fields);
  await fixture.transition(inquiryId, "approved");
  await fixture.until(user, id, "verified");
  return id;
}

async function auditOf(fixture: Fixture, user: string) {
  const page = (await (await api(`/api/orgs/${fixture.org.id}/audit?userId=${user}`, { headers: BOOTSTRAP })).json()) as {
    entries: Array<{ action: string; result: string; errorCode: string | null; recovery: unknown; actor: { label: string } }>;
  };
  return page.entries;
}

describe("verified recovery: refusals", () => {
  it("a gated action without a verification is 403 verification_required, with how to start one, audited, and Okta is not called", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const before = (await fixture.apiRequests()).length;
    const refused = await fixture.lifecycle(user, "unlock");
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; details: { start: string } } };
    expect(body.error.code).toBe("verification_required");
    expect(body.error.details.start).toBe(`POST /api/orgs/${fixture.org.id}/okta/users/${user}/verifications`);
    expect((await fixture.apiRequests()).length).toBe(before);
    expect((await fixture.fakeUser(user)).status).toBe("LOCKED_OUT");
    expect((await auditOf(fixture, user))[0]).toMatchObject({ action: "unlock", result: "refused", errorCode: "verification_required" });
  });

  it("an action the policy does not list runs as before; with no policy nothing waits", async () => {
    const fixture = await recoveryFixture();
    expect((await fixture.lifecycle(fixture.users.active, "suspend")).status).toBe(200);
    expect((await api(`/api/orgs/${fixture.org.id}/verification`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    // The gate follows the deletion at once, without waiting for KV.
    expect((await fixture.lifecycle(fixture.users.locked, "unlock")).status).toBe(200);
  });

  it("the temporary access code and the update accept a verification too, and wait for one when listed", async () => {
    const fixture = await recoveryFixture({ requiredFor: ["temporary_access_code", "update"] });
    const user = fixture.users.active;
    const path = `/api/orgs/${fixture.org.id}/okta/users/${user}`;
    const tac = () => api(`${path}/temporary-access-code`, { method: "POST", headers: fixture.keys.operator, json: {} });
    expect(await errorCode(await tac())).toBe("verification_required");
    const update = await api(path, { method: "POST", headers: fixture.keys.admin, json: { profile: { nickName: "x" } } });
    expect(await errorCode(update)).toBe("verification_required");
    const id = await verified(fixture, user);
    const allowed = await api(path, { method: "POST", headers: fixture.keys.admin, json: { profile: { nickName: "Ada" }, verificationId: id } });
    expect(allowed.status).toBe(200);
    // The proof is ours: Okta never sees it.
    const { api: stored } = await fixture.fakeUser(user);
    expect(stored).toMatchObject({ profile: { nickName: "Ada" } });
    expect(JSON.stringify(stored)).not.toContain(id);
  });

  it("break glass: an admin with a reason runs it, audited as an override; an operator may not; a short reason is a 400", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const reason = "CEO locked out before board call, verified in person";
    const byOperator = await fixture.lifecycle(user, "unlock", { overrideReason: reason });
    expect(await errorCode(byOperator)).toBe("forbidden");
    const short = await fixture.lifecycle(user, "unlock", { overrideReason: "because" }, fixture.keys.admin);
    expect(short.status).toBe(400);
    const both = await fixture.lifecycle(user, "unlock", { overrideReason: reason, verificationId: "ver_000000000000000000000000" }, fixture.keys.admin);
    expect(both.status).toBe(400);
    expect((await fixture.lifecycle(user, "unlock", { overrideReason: reason }, fixture.keys.admin)).status).toBe(200);
    const entries = (await auditOf(fixture, user)).filter((entry) => entry.action === "unlock");
    expect(entries[0]).toMatchObject({ result: "success", recovery: { kind: "override", reason }, actor: { label: "admin key" } });
    expect(entries.slice(1).map((entry) => entry.result)).toEqual(["refused", "refused", "refused"]);
  });

  it("another user's verification is verification_mismatch", async () => {
    const fixture = await recoveryFixture();
    const id = await verified(fixture, fixture.users.active);
    expect(await errorCode(await fixture.lifecycle(fixture.users.locked, "unlock", { verificationId: id }))).toBe("verification_mismatch");
    expect(await errorCode(await fixture.lifecycle(fixture.users.locked, "unlock", { verificationId: "ver_0123456789abcdef01234567" }))).toBe(
      "verification_mismatch",
    );
  });

  it("a verification from a template the policy no longer names is verification_mismatch", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const id = await verified(fixture, user);
    const put = await api(`/api/orgs/${fixture.org.id}/verification`, { method: "PUT", headers: BOOTSTRAP, json: { templateId: "itmpl_Other2" } });
    expect(put.status).toBe(200);
    expect(await errorCode(await fixture.lifecycle(user, "unlock", { verificationId: id }))).toBe("verification_mismatch");
  });

  it("a verification started for one action does not allow another", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const id = await verified(fixture, user, { for: "reset_factors" });
    expect(await errorCode(await fixture.lifecycle(user, "unlock", { verificationId: id }))).toBe("verification_mismatch");
  });

  it("a verified name that differs from the Okta profile is recorded as differs and allows nothing", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const id = await verified(fixture, user, undefined, { "name-first": "Mallory" });
    expect(await fixture.read(user, id).then((r) => r.json())).toMatchObject({
      comparison: expect.arrayContaining([{ field: "name-first", result: "differs" }]),
    });
    const refused = await fixture.lifecycle(user, "unlock", { verificationId: id });
    expect(await errorCode(refused)).toBe("verification_mismatch");
  });

  it("an inquiry whose account is not the user, or of another template, cannot speak for them", () => {
    const verification = { oktaUserId: "00uVictim", templateId: "itmpl_T1" } as Parameters<typeof mismatchOf>[0];
    const inquiry = { inquiryId: "inq_1", status: "approved", referenceId: "00uVictim", templateId: "itmpl_T1", fields: {} };
    expect(mismatchOf(verification, inquiry)).toBeNull();
    expect(mismatchOf(verification, { ...inquiry, referenceId: "00uAttacker" })).toMatch(/reference ID/);
    expect(mismatchOf(verification, { ...inquiry, referenceId: null })).toMatch(/reference ID/);
    expect(mismatchOf(verification, { ...inquiry, templateId: "itmpl_T2" })).toMatch(/template/);
  });

  it("two actions racing for one verification: exactly one runs", async () => {
    const fixture = await recoveryFixture({ requiredFor: ["unlock", "suspend"] });
    const user = fixture.users.locked;
    const id = await verified(fixture, user);
    const answers = await Promise.all([fixture.lifecycle(user, "unlock", { verificationId: id }), fixture.lifecycle(user, "unlock", { verificationId: id })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  });

  it("verification_not_configured without a policy or without Persona; a viewer may not start one", async () => {
    const noPolicy = await recoveryFixture({}, { policy: false });
    const user = noPolicy.users.active;
    expect(await errorCode(await noPolicy.start(user))).toBe("verification_not_configured");
    expect(await errorCode(await noPolicy.start(user, undefined, noPolicy.keys.viewer))).toBe("forbidden");
    expect(await errorCode(await noPolicy.list(user, noPolicy.keys.viewer))).toBe("forbidden");
    expect((await api(`/api/orgs/${noPolicy.org.id}/persona`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    await api(`/api/orgs/${noPolicy.org.id}/verification`, { method: "PUT", headers: BOOTSTRAP, json: { templateId: "itmpl_T1" } });
    expect(await errorCode(await noPolicy.start(user))).toBe("verification_not_configured");
    const starts = (await auditOf(noPolicy, user)).filter((entry) => entry.action === "verification_start");
    expect(starts.map((entry) => entry.errorCode)).toEqual(["verification_not_configured", "forbidden", "verification_not_configured"]);
  });

  it("an unknown or malformed verification ID is 404 verification_not_found; another user's too", async () => {
    const fixture = await recoveryFixture();
    const { id } = await started(await fixture.start(fixture.users.active));
    expect(await errorCode(await fixture.read(fixture.users.active, "ver_0123456789abcdef01234567"))).toBe("verification_not_found");
    expect(await errorCode(await fixture.read(fixture.users.active, "nope"))).toBe("verification_not_found");
    expect(await errorCode(await fixture.read(fixture.users.locked, id))).toBe("verification_not_found");
    expect(await errorCode(await fixture.cancel(fixture.users.locked, id))).toBe("verification_not_found");
  });

  it("input is judged only for callers who may use the route: a forged key gets 401, a viewer 403, before a malformed ID's 404", async () => {
    const fixture = await recoveryFixture();
    const forged = { authorization: `Bearer poc_${fixture.org.id}_${"0".repeat(64)}` };
    expect(await errorCode(await fixture.read(fixture.users.active, "nope", forged))).toBe("unauthenticated");
    expect(await errorCode(await fixture.read(fixture.users.active, "nope", fixture.keys.viewer))).toBe("forbidden");
    expect(await errorCode(await fixture.start(fixture.users.active, { for: "nonsense" }, forged))).toBe("unauthenticated");
    expect(await errorCode(await fixture.start(fixture.users.active, { for: "nonsense" }))).toBe("invalid_request");
  });

  it("a signed inquiry webhook that no verification knows is logged and ignored", async () => {
    const fixture = await recoveryFixture();
    const event = {
      data: {
        type: "event",
        id: `evt_${crypto.randomUUID().replace(/-/g, "")}`,
        attributes: {
          name: "inquiry.approved",
          "created-at": new Date().toISOString(),
          payload: { data: { type: "inquiry", id: "inq_Stranger1", attributes: { status: "approved" } } },
        },
      },
    };
    const body = JSON.stringify(event);
    const response = await api(`/${fixture.org.id}/webhooks/persona`, {
      method: "POST",
      headers: { "content-type": "application/json", "persona-signature": signature(body, SECRET) },
      body,
    });
    expect(response.status).toBe(200);
    const log = await eventually(
      async () =>
        ((await (await api(`/api/orgs/${fixture.org.id}/log`, { headers: BOOTSTRAP })).json()) as { entries: Array<{ event: string; details: unknown }> })
          .entries,
      (entries) => entries.some((entry) => entry.event === "verification_unknown_inquiry"),
    );
    expect(log.find((entry) => entry.event === "verification_unknown_inquiry")?.details).toMatchObject({ inquiryId: "inq_Stranger1" });
  });
});
