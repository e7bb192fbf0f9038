/**
 * Inquiries (`inq_…`): record, seed and JSON:API form (`components/schemas/inquiry`, every attribute required).
 * Statuses are `created, pending, completed, expired, failed, needs_review, approved, declined`, but the spec warns
 * the list is not closed, so any status is accepted. Fields keep Persona's `{type, value}` form.
 */
import { z } from "zod";
import { FieldMap, NullableText, NullableTimestamp, objectId, parseSeed, Tags, Timestamp } from "./seed-input";
import { type TypedField, typedFields } from "./typed-fields";

export const INQUIRY_STATUSES = ["created", "pending", "completed", "expired", "failed", "needs_review", "approved", "declined"] as const;

export interface InquiryRecord {
  id: string;
  seq: number;
  status: string;
  referenceId: string | null;
  accountId: string | null;
  inquiryTemplateId: string;
  note: string | null;
  tags: string[];
  creator: string;
  reviewerComment: string | null;
  fields: Record<string, TypedField>;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  expiresAt: string | null;
  completedAt: string | null;
  failedAt: string | null;
  markedForReviewAt: string | null;
  decisionedAt: string | null;
  expiredAt: string | null;
  redactedAt: string | null;
  previousStepName: string | null;
  nextStepName: string | null;
}

const InquiryPatch = z
  .object({
    status: z.string().min(1),
    referenceId: NullableText,
    account: objectId("act").nullable(),
    inquiryTemplateId: objectId("itmpl"),
    note: NullableText,
    tags: Tags,
    creator: z.string(),
    reviewerComment: NullableText,
    fields: FieldMap,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    startedAt: NullableTimestamp,
    expiresAt: NullableTimestamp,
    completedAt: NullableTimestamp,
    failedAt: NullableTimestamp,
    markedForReviewAt: NullableTimestamp,
    decisionedAt: NullableTimestamp,
    expiredAt: NullableTimestamp,
    redactedAt: NullableTimestamp,
    previousStepName: NullableText,
    nextStepName: NullableText,
  })
  .partial()
  .strict();
const InquirySeed = InquiryPatch.extend({ id: objectId("inq").optional(), accountId: objectId("act").nullable().optional() }).strict();

export interface InquiryContext {
  nowIso: string;
  seq: number;
  defaultInquiryTemplateId: string;
  /** The reference-id of an account of this environment; throws SeedError when it does not exist. */
  referenceIdOf(id: string): string | null;
}

export function buildInquiry(input: unknown, context: InquiryContext, newId: () => string): InquiryRecord {
  const { accountId, ...seed } = parseSeed(InquirySeed, input, "inquiry");
  const account = seed.account ?? accountId ?? null;
  const createdAt = seed.createdAt ?? context.nowIso;
  const record: InquiryRecord = {
    id: seed.id ?? newId(),
    seq: context.seq,
    status: "created",
    referenceId: account === null ? null : context.referenceIdOf(account),
    accountId: account,
    inquiryTemplateId: context.defaultInquiryTemplateId,
    note: null,
    tags: [],
    creator: "API",
    reviewerComment: null,
    fields: {},
    createdAt,
    updatedAt: createdAt,
    startedAt: null,
    expiresAt: null,
    completedAt: null,
    failedAt: null,
    markedForReviewAt: null,
    decisionedAt: null,
    expiredAt: null,
    redactedAt: null,
    previousStepName: null,
    nextStepName: null,
  };
  applyInquiryPatch(record, { ...seed, account }, context);
  if (seed.updatedAt === undefined) record.updatedAt = createdAt;
  return record;
}

/** Sets any attribute directly (control API); `fields` are merged, `updatedAt` defaults to now. */
export function patchInquiry(record: InquiryRecord, input: unknown, context: InquiryContext): void {
  const patch = parseSeed(InquiryPatch, input, "inquiry patch");
  applyInquiryPatch(record, patch, context);
  if (patch.updatedAt === undefined) record.updatedAt = context.nowIso;
}

function applyInquiryPatch(record: InquiryRecord, patch: z.infer<typeof InquiryPatch>, context: InquiryContext): void {
  const { account, tags, fields, ...plain } = patch;
  if (account !== undefined && account !== null) context.referenceIdOf(account); // refuses an unknown account first
  for (const [key, value] of Object.entries(plain)) if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  if (account !== undefined) record.accountId = account;
  if (tags !== undefined) record.tags = [...new Set(tags)];
  if (fields !== undefined) record.fields = { ...record.fields, ...typedFields(fields) };
}

export function renderInquiry(record: InquiryRecord) {
  return {
    type: "inquiry",
    id: record.id,
    attributes: {
      status: record.status,
      "reference-id": record.referenceId,
      note: record.note,
      behaviors: {},
      tags: [...record.tags],
      creator: record.creator,
      "reviewer-comment": record.reviewerComment,
      "created-at": record.createdAt,
      "updated-at": record.updatedAt,
      "started-at": record.startedAt,
      "expires-at": record.expiresAt,
      "completed-at": record.completedAt,
      "failed-at": record.failedAt,
      "marked-for-review-at": record.markedForReviewAt,
      "decisioned-at": record.decisionedAt,
      "expired-at": record.expiredAt,
      "redacted-at": record.redactedAt,
      "previous-step-name": record.previousStepName,
      "next-step-name": record.nextStepName,
      fields: structuredClone(record.fields),
    },
    relationships: {
      account: { data: record.accountId === null ? null : { type: "account", id: record.accountId } },
      template: { data: null },
      "inquiry-template": { data: { type: "inquiry-template", id: record.inquiryTemplateId } },
      "inquiry-template-version": { data: null },
      reviewer: { data: null },
      reports: { data: [] },
      verifications: { data: [] },
      sessions: { data: [] },
      documents: { data: [] },
      selfies: { data: [] },
      transaction: { data: null },
    },
  };
}
