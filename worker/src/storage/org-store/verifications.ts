import type { ErrorCode } from "../../../../shared/errors";
import {
  type FieldComparison,
  FieldComparisonSchema,
  type GateableAction,
  GateableActionSchema,
  type Verification,
  type VerificationStatus,
  VerificationStatusSchema,
} from "../../../../shared/verification";
import { iso, nullableString, randomId } from "./rows";

/**
 * Verifications of verified recovery (docs/verified-recovery.md), one row per Persona inquiry, in the
 * organization's Durable Object: a verification allows one action, so using it must be strongly consistent.
 * Persona's inquiry status moves a row on (`applyInquiryStatus`); `consumeVerification` spends a verified one.
 */

type Action = GateableAction;
type PassingStatus = "approved" | "completed";

export type NewVerification = {
  oktaUserId: string;
  templateId: string;
  inquiryId: string;
  inquiryStatus: string;
  createdBy: string;
  /** The one action it may allow, or null for any gated action. */
  requestedFor: Action | null;
  /** The Okta credential it was started with: the one that reads the profile for the comparison. */
  credentialId: string;
  nowMs: number;
};

const comparisonOf = (text: string): FieldComparison[] => FieldComparisonSchema.array().catch([]).parse(JSON.parse(text));

/** A row as the API shows it: a verified one past its validity reads as expired. */
function toVerification(row: Record<string, SqlStorageValue>, nowMs: number): Verification {
  const stored = VerificationStatusSchema.catch("expired").parse(row.status);
  const validUntil = row.valid_until === null ? null : Number(row.valid_until);
  const status: VerificationStatus = stored === "verified" && validUntil !== null && validUntil <= nowMs ? "expired" : stored;
  const ms = (value: SqlStorageValue | undefined) => (value === null || value === undefined ? null : iso(Number(value)));
  return {
    id: String(row.id),
    oktaUserId: String(row.okta_user_id),
    status,
    inquiryId: String(row.inquiry_id),
    inquiryStatus: String(row.inquiry_status),
    templateId: String(row.template_id),
    comparison: comparisonOf(String(row.comparison)),
    createdBy: String(row.created_by),
    createdAt: iso(Number(row.created_at)),
    verifiedAt: ms(row.verified_at),
    validUntil: ms(row.valid_until),
    usedBy: nullableString(row.used_by),
    usedAt: ms(row.used_at),
    usedFor: GateableActionSchema.nullable().catch(null).parse(row.used_for),
    for: GateableActionSchema.nullable()
      .catch(null)
      .parse(row.requested_for ?? null),
  };
}

function rowById(sql: SqlStorage, id: string): Record<string, SqlStorageValue> | undefined {
  return sql.exec("SELECT * FROM verifications WHERE id = ?", id).toArray()[0];
}

export function insertVerification(sql: SqlStorage, input: NewVerification): Verification {
  const id = `ver_${randomId()}`;
  sql.exec(
    `INSERT INTO verifications (id, okta_user_id, template_id, inquiry_id, status, inquiry_status, created_by, created_at, requested_for, credential_id)
     VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
    id,
    input.oktaUserId,
    input.templateId,
    input.inquiryId,
    input.inquiryStatus,
    input.createdBy,
    input.nowMs,
    input.requestedFor,
    input.credentialId,
  );
  return toVerification(rowById(sql, id)!, input.nowMs);
}

export function getVerification(sql: SqlStorage, id: string, nowMs: number): Verification | null {
  const row = rowById(sql, id);
  return row ? toVerification(row, nowMs) : null;
}

/** The verification of a Persona inquiry, or null when none knows it. */
export function verificationOfInquiry(sql: SqlStorage, inquiryId: string, nowMs: number): Verification | null {
  const row = sql.exec("SELECT * FROM verifications WHERE inquiry_id = ?", inquiryId).toArray()[0];
  return row ? toVerification(row, nowMs) : null;
}

/** The Okta credential a verification was started with (null for rows from before it was recorded). */
export function credentialOfVerification(sql: SqlStorage, id: string): string | null {
  return nullableString(rowById(sql, id)?.credential_id ?? null);
}

/** A user's verifications, newest first. */
export function listVerifications(sql: SqlStorage, oktaUserId: string, limit: number, nowMs: number): Verification[] {
  return sql
    .exec("SELECT * FROM verifications WHERE okta_user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?", oktaUserId, limit)
    .toArray()
    .map((row) => toVerification(row, nowMs));
}

/**
 * What Persona's inquiry status means for a verification. A status the policy counts as passing verifies;
 * `declined` and `failed` decline; `needs_review` and `expired` are themselves. Anything else (`created`,
 * `pending`, a `completed` the policy does not count, or a status Persona adds later) is still pending.
 */
export function statusFor(inquiryStatus: string, passOn: readonly PassingStatus[]): VerificationStatus {
  if ((passOn as readonly string[]).includes(inquiryStatus)) return "verified";
  if (inquiryStatus === "declined" || inquiryStatus === "failed") return "declined";
  if (inquiryStatus === "needs_review" || inquiryStatus === "expired") return inquiryStatus;
  return "pending";
}

export type InquiryUpdate = {
  inquiryId: string;
  inquiryStatus: string;
  passOn: readonly PassingStatus[];
  validForMs: number;
  /** The field comparison, taken when the inquiry verifies. */
  comparison: FieldComparison[];
  /**
   * Why this inquiry cannot allow an action for the verification's user, when Persona shows it belongs to another
   * account (its reference ID is not the user) or another template; null when it is theirs. Kept once seen.
   */
  mismatch: string | null;
  nowMs: number;
};

/**
 * Moves the verification of an inquiry on from Persona's status; null when no verification knows the inquiry.
 * A used or cancelled verification keeps its status (only the inquiry status is recorded). Becoming verified
 * starts the validity and records the comparison; a verification Persona later declines (a reviewer's reversal)
 * loses its validity.
 */
export function applyInquiryStatus(sql: SqlStorage, update: InquiryUpdate): Verification | null {
  const row = sql.exec("SELECT * FROM verifications WHERE inquiry_id = ?", update.inquiryId).toArray()[0];
  if (!row) return null;
  const id = String(row.id);
  const current = String(row.status);
  const next = statusFor(update.inquiryStatus, update.passOn);
  if (update.mismatch !== null) sql.exec("UPDATE verifications SET mismatch = ? WHERE id = ? AND mismatch IS NULL", update.mismatch, id);
  if (current === "used" || current === "cancelled" || current === next) {
    sql.exec("UPDATE verifications SET inquiry_status = ? WHERE id = ?", update.inquiryStatus, id);
  } else if (next === "verified") {
    sql.exec(
      "UPDATE verifications SET status = 'verified', inquiry_status = ?, verified_at = ?, valid_until = ?, comparison = ? WHERE id = ?",
      update.inquiryStatus,
      update.nowMs,
      update.nowMs + update.validForMs,
      JSON.stringify(update.comparison),
      id,
    );
  } else {
    sql.exec("UPDATE verifications SET status = ?, inquiry_status = ?, valid_until = NULL WHERE id = ?", next, update.inquiryStatus, id);
  }
  return toVerification(rowById(sql, id)!, update.nowMs);
}

export type ConsumeInput = { id: string; oktaUserId: string; templateId: string; action: Action; usedBy: string; nowMs: number };
export type ConsumeRefusal = {
  code: Extract<ErrorCode, `verification_${string}`>;
  message: string;
};

/**
 * Spends a verification on one action: it must be this user's, from the policy's template, verified, within its
 * validity, and not yet used. The check and the spend are one step of the Durable Object, so two actions racing
 * for one verification cannot both have it.
 */
export function consumeVerification(sql: SqlStorage, input: ConsumeInput): { ok: true; verification: Verification } | ({ ok: false } & ConsumeRefusal) {
  const row = rowById(sql, input.id);
  if (!row || String(row.okta_user_id) !== input.oktaUserId) {
    return { ok: false, code: "verification_mismatch", message: "no such verification for this user" };
  }
  if (String(row.template_id) !== input.templateId) {
    return { ok: false, code: "verification_mismatch", message: "the verification used another inquiry template than the policy's" };
  }
  if (row.mismatch !== null && row.mismatch !== undefined) return { ok: false, code: "verification_mismatch", message: String(row.mismatch) };
  const differing = comparisonOf(String(row.comparison)).filter((entry) => entry.result === "differs");
  if (differing.length > 0) {
    const fields = differing.map((entry) => entry.field).join(", ");
    return { ok: false, code: "verification_mismatch", message: `what Persona verified differs from the Okta profile (${fields}); an admin may override` };
  }
  if (row.requested_for !== null && row.requested_for !== undefined && String(row.requested_for) !== input.action) {
    return { ok: false, code: "verification_mismatch", message: `the verification was started for ${String(row.requested_for)}, not ${input.action}` };
  }
  const { status } = toVerification(row, input.nowMs);
  switch (status) {
    case "verified":
      sql.exec(
        "UPDATE verifications SET status = 'used', used_by = ?, used_at = ?, used_for = ? WHERE id = ? AND status = 'verified'",
        input.usedBy,
        input.nowMs,
        input.action,
        input.id,
      );
      return { ok: true, verification: toVerification(rowById(sql, input.id)!, input.nowMs) };
    case "used":
      return { ok: false, code: "verification_used", message: "this verification already allowed an action; start a new one" };
    case "pending":
    case "needs_review":
      return { ok: false, code: "verification_pending", message: "the person has not passed the verification yet" };
    case "declined":
      return { ok: false, code: "verification_declined", message: "the verification was declined or failed" };
    default:
      return { ok: false, code: "verification_expired", message: status === "cancelled" ? "this verification was cancelled" : "the verification has expired" };
  }
}

/**
 * Gives a spent verification back when the action it allowed did not happen (Okta refused or failed): it is
 * verified again, within the same validity. Only the spend of that action (`usedAt`) is undone.
 */
export function releaseVerification(sql: SqlStorage, id: string, usedAtMs: number): void {
  sql.exec(
    "UPDATE verifications SET status = 'verified', used_by = NULL, used_at = NULL, used_for = NULL WHERE id = ? AND status = 'used' AND used_at = ?",
    id,
    usedAtMs,
  );
}

/** Cancels a pending or verified verification of this user; null when there is none, false when it is past that. */
export function cancelVerification(sql: SqlStorage, id: string, oktaUserId: string, nowMs: number): Verification | false | null {
  const row = rowById(sql, id);
  if (!row || String(row.okta_user_id) !== oktaUserId) return null;
  const { status } = toVerification(row, nowMs);
  if (status !== "pending" && status !== "verified" && status !== "needs_review") return false;
  sql.exec("UPDATE verifications SET status = 'cancelled', valid_until = NULL WHERE id = ?", id);
  return toVerification(rowById(sql, id)!, nowMs);
}
