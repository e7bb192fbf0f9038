import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  applyInquiryStatus,
  cancelVerification,
  consumeVerification,
  getVerification,
  type InquiryUpdate,
  insertVerification,
  listVerifications,
  releaseVerification,
  statusFor,
} from "../../../../worker/src/storage/org-store/verifications";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const MIN = 60_000;
const USER = "00uVictim1234567890";

/** Runs `work` against the tables of a fresh organization's Durable Object. */
function withSql<T>(work: (sql: SqlStorage) => T): Promise<T> {
  const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(`verifications-${crypto.randomUUID()}`));
  return runInDurableObject(stub, (_instance, state) => work(state.storage.sql));
}

const start = (sql: SqlStorage, inquiryId = "inq_A1", oktaUserId = USER, requestedFor: "unlock" | null = null) =>
  insertVerification(sql, {
    oktaUserId,
    templateId: "itmpl_T1",
    inquiryId,
    inquiryStatus: "created",
    createdBy: "op@acme.test",
    requestedFor,
    credentialId: "crd_1",
    nowMs: T0,
  });
const update = (inquiryStatus: string, nowMs = T0 + MIN, inquiryId = "inq_A1", mismatch: string | null = null): InquiryUpdate => ({
  inquiryId,
  inquiryStatus,
  passOn: ["approved"],
  validForMs: 30 * MIN,
  comparison: [{ field: "name-first", result: "match" }],
  mismatch,
  nowMs,
});
const spend = (sql: SqlStorage, id: string, nowMs = T0 + 2 * MIN, over: Partial<{ oktaUserId: string; templateId: string }> = {}) =>
  consumeVerification(sql, { id, oktaUserId: USER, templateId: "itmpl_T1", action: "reset_factors", usedBy: "op@acme.test", nowMs, ...over });

describe("verifications in the organization's Durable Object", () => {
  it("Persona's statuses map onto ours; only the policy's passing statuses verify", () => {
    expect(statusFor("approved", ["approved"])).toBe("verified");
    expect(statusFor("completed", ["approved"])).toBe("pending");
    expect(statusFor("completed", ["approved", "completed"])).toBe("verified");
    expect(statusFor("declined", ["approved"])).toBe("declined");
    expect(statusFor("failed", ["approved"])).toBe("declined");
    expect(statusFor("needs_review", ["approved"])).toBe("needs_review");
    expect(statusFor("expired", ["approved"])).toBe("expired");
    expect(statusFor("some-new-status", ["approved"])).toBe("pending");
  });

  it("starts pending; approval verifies it for the policy's validity, with the comparison", async () => {
    const verified = await withSql((sql) => {
      const created = start(sql);
      expect(created).toMatchObject({ status: "pending", inquiryStatus: "created", verifiedAt: null, validUntil: null, comparison: [] });
      expect(created.id).toMatch(/^ver_[0-9a-f]{24}$/);
      return applyInquiryStatus(sql, update("approved"));
    });
    expect(verified).toMatchObject({
      status: "verified",
      inquiryStatus: "approved",
      verifiedAt: new Date(T0 + MIN).toISOString(),
      validUntil: new Date(T0 + 31 * MIN).toISOString(),
      comparison: [{ field: "name-first", result: "match" }],
    });
  });

  it("an inquiry no verification knows changes nothing (the webhook is logged and ignored)", async () => {
    expect(await withSql((sql) => applyInquiryStatus(sql, update("approved", T0, "inq_Unknown")))).toBeNull();
  });

  it("a verified verification allows exactly one action, recorded with who and what", async () => {
    const [first, second] = await withSql((sql) => {
      const { id } = start(sql);
      applyInquiryStatus(sql, update("approved"));
      return [spend(sql, id), spend(sql, id)];
    });
    expect(first).toMatchObject({ ok: true, verification: { status: "used", usedBy: "op@acme.test", usedFor: "reset_factors" } });
    expect(second).toMatchObject({ ok: false, code: "verification_used" });
  });

  it.each([
    ["still pending", [] as string[], T0 + MIN, "verification_pending"],
    ["waiting for a reviewer", ["needs_review"], T0 + MIN, "verification_pending"],
    ["declined", ["declined"], T0 + MIN, "verification_declined"],
    ["failed", ["failed"], T0 + MIN, "verification_declined"],
    ["expired at Persona", ["expired"], T0 + MIN, "verification_expired"],
    ["past its validity", ["approved"], T0 + 31 * MIN, "verification_expired"],
    ["approved, then declined by a reviewer", ["approved", "declined"], T0 + 2 * MIN, "verification_declined"],
  ])("refuses a verification %s", async (_name, statuses, at, code) => {
    const result = await withSql((sql) => {
      const { id } = start(sql);
      for (const status of statuses) applyInquiryStatus(sql, update(status));
      return spend(sql, id, at);
    });
    expect(result).toMatchObject({ ok: false, code });
  });

  it("refuses another user's verification, another template's, and an unknown ID alike: verification_mismatch", async () => {
    const results = await withSql((sql) => {
      const { id } = start(sql);
      applyInquiryStatus(sql, update("approved"));
      return [
        spend(sql, id, T0 + 2 * MIN, { oktaUserId: "00uSomeoneElse123456" }),
        spend(sql, id, T0 + 2 * MIN, { templateId: "itmpl_Other" }),
        spend(sql, "ver_000000000000000000000000"),
        spend(sql, id),
      ];
    });
    expect(results.map((result) => (result.ok ? "ok" : result.code))).toEqual([
      "verification_mismatch",
      "verification_mismatch",
      "verification_mismatch",
      "ok",
    ]);
  });

  it("a cancelled verification allows nothing, and a used one cannot be cancelled or moved on by Persona", async () => {
    const outcome = await withSql((sql) => {
      const cancelled = start(sql, "inq_C1");
      applyInquiryStatus(sql, update("approved", T0 + MIN, "inq_C1"));
      const afterCancel = cancelVerification(sql, cancelled.id, USER, T0 + MIN);
      const used = start(sql, "inq_U1");
      applyInquiryStatus(sql, update("approved", T0 + MIN, "inq_U1"));
      spend(sql, used.id);
      return {
        afterCancel,
        spendCancelled: spend(sql, cancelled.id),
        cancelUsed: cancelVerification(sql, used.id, USER, T0 + 3 * MIN),
        cancelOthers: cancelVerification(sql, used.id, "00uSomeoneElse123456", T0 + 3 * MIN),
        usedAfterDecline: applyInquiryStatus(sql, update("declined", T0 + 4 * MIN, "inq_U1")),
      };
    });
    expect(outcome.afterCancel).toMatchObject({ status: "cancelled", validUntil: null });
    expect(outcome.spendCancelled).toMatchObject({ ok: false, code: "verification_expired" });
    expect(outcome.cancelUsed).toBe(false);
    expect(outcome.cancelOthers).toBeNull();
    expect(outcome.usedAfterDecline).toMatchObject({ status: "used", inquiryStatus: "declined" });
  });

  it("lists a user's verifications newest first, and only theirs", async () => {
    const listed = await withSql((sql) => {
      start(sql, "inq_1");
      insertVerification(sql, {
        oktaUserId: USER,
        templateId: "itmpl_T1",
        inquiryId: "inq_2",
        inquiryStatus: "created",
        createdBy: "x",
        requestedFor: null,
        credentialId: "crd_1",
        nowMs: T0 + MIN,
      });
      start(sql, "inq_3", "00uSomeoneElse123456");
      return { list: listVerifications(sql, USER, 10, T0 + 2 * MIN), missing: getVerification(sql, "ver_nope", T0) };
    });
    expect(listed.list.map((verification) => verification.inquiryId)).toEqual(["inq_2", "inq_1"]);
    expect(listed.missing).toBeNull();
  });

  it("an inquiry Persona shows as someone else's never allows an action, even once approved", async () => {
    const result = await withSql((sql) => {
      const { id } = start(sql);
      applyInquiryStatus(sql, update("pending", T0 + MIN, "inq_A1", "the inquiry's account is not this Okta user"));
      applyInquiryStatus(sql, update("approved", T0 + MIN));
      return spend(sql, id);
    });
    expect(result).toMatchObject({ ok: false, code: "verification_mismatch", message: "the inquiry's account is not this Okta user" });
  });

  it("a verification started for one action allows only that action", async () => {
    const results = await withSql((sql) => {
      const { id } = start(sql, "inq_A1", USER, "unlock");
      applyInquiryStatus(sql, update("approved"));
      return [spend(sql, id), consumeVerification(sql, { id, oktaUserId: USER, templateId: "itmpl_T1", action: "unlock", usedBy: "op", nowMs: T0 + 2 * MIN })];
    });
    expect(results.map((result) => (result.ok ? result.verification.for : result.code))).toEqual(["verification_mismatch", "unlock"]);
  });

  it("a spend given back (the action failed) is verified again, and only that spend is undone", async () => {
    const outcome = await withSql((sql) => {
      const { id } = start(sql);
      applyInquiryStatus(sql, update("approved"));
      spend(sql, id, T0 + 2 * MIN);
      releaseVerification(sql, id, T0 + 9 * MIN); // not this spend: nothing happens
      const stillUsed = getVerification(sql, id, T0 + 3 * MIN)!.status;
      releaseVerification(sql, id, T0 + 2 * MIN);
      return { stillUsed, after: getVerification(sql, id, T0 + 3 * MIN), again: spend(sql, id, T0 + 3 * MIN) };
    });
    expect(outcome.stillUsed).toBe("used");
    expect(outcome.after).toMatchObject({ status: "verified", usedBy: null, usedAt: null, usedFor: null });
    expect(outcome.again).toMatchObject({ ok: true });
  });

  it("a verification whose verified field differs from the Okta profile allows nothing; a missing field does not stop it", async () => {
    const results = await withSql((sql) => {
      const differs = start(sql, "inq_D1");
      applyInquiryStatus(sql, {
        ...update("approved", T0 + MIN, "inq_D1"),
        comparison: [
          { field: "name-first", result: "match" },
          { field: "name-last", result: "differs" },
        ],
      });
      const missing = start(sql, "inq_M1");
      applyInquiryStatus(sql, { ...update("approved", T0 + MIN, "inq_M1"), comparison: [{ field: "birthdate", result: "missing" }] });
      return [spend(sql, differs.id), spend(sql, missing.id)];
    });
    expect(results[0]).toMatchObject({ ok: false, code: "verification_mismatch", message: expect.stringContaining("name-last") });
    expect(results[1]).toMatchObject({ ok: true });
  });
});
