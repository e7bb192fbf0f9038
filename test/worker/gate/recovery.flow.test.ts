import { describe, expect, it } from "vitest";
import { requestsTo } from "../persona/support";
import { api, BOOTSTRAP } from "../support/api";
import { recoveryFixture, started, TEMPLATE } from "./recovery-support";

/** Verified recovery end to end in workerd: start, the person passes at (fake) Persona, the gated action runs once. */
describe("verified recovery: the flow", () => {
  it("starts with an inquiry for the user's account, prefilled from Okta, with a one-time link", async () => {
    const fixture = await recoveryFixture({ fieldMap: { "name-first": "firstName", "name-last": "lastName", "email-address": "email" } });
    const answer = await started(await fixture.start(fixture.users.locked, { for: "unlock" }));
    expect(answer).toMatchObject({ id: expect.stringMatching(/^ver_[0-9a-f]{24}$/), status: "pending", for: "unlock" });
    expect(answer.oneTimeLink).toMatch(/^https:\/\//);
    expect(Date.parse(answer.linkExpiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);

    const [creation] = await requestsTo(fixture, "POST", "/inquiries");
    expect(creation?.idempotencyKey).toBeTruthy();
    expect(creation?.body).toMatchObject({
      data: { attributes: { "inquiry-template-id": TEMPLATE, fields: { "name-first": "Lock", "name-last": "Ed", "email-address": "lock@acme.test" } } },
      meta: { "auto-create-account-reference-id": fixture.users.locked, "auto-create-one-time-link": true, "one-time-link-expiration-seconds": 900 },
    });
    const listed = (await (await fixture.list(fixture.users.locked)).json()) as { verifications: Array<{ id: string; createdBy: string }> };
    expect(listed.verifications.map((verification) => verification.id)).toEqual([answer.id]);
    // The link is shown once: neither the list nor the read carries it.
    expect(JSON.stringify(listed)).not.toContain(answer.oneTimeLink);
  });

  it("a signed inquiry.approved webhook verifies it, with the field comparison; it then allows one unlock, audited with the inquiry", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.verifiedFields(inquiryId, { "name-first": "LOCK", "name-last": "Ed" });
    await fixture.transition(inquiryId, "completed");
    expect((await fixture.read(user, id).then((r) => r.json())) as object).toMatchObject({ status: "pending", inquiryStatus: "completed" });
    await fixture.transition(inquiryId, "approved");
    const verified = await fixture.until(user, id, "verified");
    expect(verified).toMatchObject({
      inquiryStatus: "approved",
      comparison: [
        { field: "name-first", result: "match" },
        { field: "name-last", result: "match" },
        { field: "email-address", result: "match" },
      ],
    });
    expect(Date.parse(String(verified.validUntil)) - Date.parse(String(verified.verifiedAt))).toBe(30 * 60_000);

    const unlocked = await fixture.lifecycle(user, "unlock", { verificationId: id });
    expect(unlocked.status).toBe(200);
    expect((await fixture.fakeUser(user)).status).toBe("ACTIVE");
    expect(await fixture.read(user, id).then((r) => r.json())).toMatchObject({ status: "used", usedFor: "unlock", usedBy: "operator key" });

    const again = await fixture.lifecycle(user, "unlock", { verificationId: id });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("verification_used");

    const audit = (await (await api(`/api/orgs/${fixture.org.id}/audit?userId=${user}`, { headers: BOOTSTRAP })).json()) as {
      entries: Array<{ action: string; result: string; errorCode: string | null; recovery: unknown }>;
    };
    const unlocks = audit.entries.filter((entry) => entry.action === "unlock");
    expect(unlocks.map((entry) => [entry.result, entry.errorCode])).toEqual([
      ["refused", "verification_used"],
      ["success", null],
    ]);
    expect(unlocks[1]?.recovery).toEqual({ kind: "verification", verificationId: id, inquiryId });
    expect(audit.entries.find((entry) => entry.action === "verification_start")).toMatchObject({
      result: "success",
      recovery: { verificationId: id, inquiryId },
    });
  });

  it("without a webhook, reading the verification asks Persona (at most once per interval)", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.active;
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.transitionSilently(inquiryId, "approved");
    expect(await fixture.read(user, id).then((r) => r.json())).toMatchObject({ status: "verified" });
    await fixture.transitionSilently(inquiryId, "declined");
    // Read again at once: the refresh is rate-limited, so the stored status stands.
    expect(await fixture.read(user, id).then((r) => r.json())).toMatchObject({ status: "verified" });
    const reads = await requestsTo(fixture, "GET", `/inquiries/${inquiryId}`);
    expect(reads).toHaveLength(1);
  });

  it.each([
    ["declined", "declined"],
    ["failed", "declined"],
    ["needs_review", "needs_review"],
    ["expired", "expired"],
  ])("Persona's %s makes it %s, and it allows nothing", async (inquiryStatus, status) => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.transition(inquiryId, inquiryStatus);
    await fixture.until(user, id, status);
    const refused = await fixture.lifecycle(user, "unlock", { verificationId: id });
    const code = ((await refused.json()) as { error: { code: string } }).error.code;
    expect(code).toBe(status === "needs_review" ? "verification_pending" : `verification_${status}`);
  });

  it("a cancelled verification allows nothing; cancelling is audited", async () => {
    const fixture = await recoveryFixture();
    const user = fixture.users.locked;
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.transition(inquiryId, "approved");
    await fixture.until(user, id, "verified");
    expect((await fixture.cancel(user, id)).status).toBe(204);
    expect(await fixture.read(user, id).then((r) => r.json())).toMatchObject({ status: "cancelled" });
    expect((await fixture.lifecycle(user, "unlock", { verificationId: id })).status).toBe(409);
    expect((await fixture.cancel(user, id)).status).toBe(409);
  });

  it("an action that Okta refuses gives the verification back", async () => {
    const fixture = await recoveryFixture({ requiredFor: ["suspend"] });
    const user = fixture.users.suspended; // Okta refuses to suspend a suspended user
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.transition(inquiryId, "approved");
    await fixture.until(user, id, "verified");
    const refused = await fixture.lifecycle(user, "suspend", { verificationId: id });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await fixture.read(user, id).then((r) => r.json())).toMatchObject({ status: "verified", usedAt: null });
  });
});
