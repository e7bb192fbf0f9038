/**
 * Inquiries (`inq_…`): record, seed and JSON:API form (`components/schemas/inquiry`, every attribute required).
 * Statuses are `created, pending, completed, expired, failed, needs_review, approved, declined`, but the spec warns
 * the list is not closed, so any status is accepted. Fields keep Persona's `{type, value}` form.
 * An inquiry has a Dynamic Flow template (`itmpl_…`, relationship `inquiry-template`) or a Legacy 2.0 one (`tmpl_…`,
 * relationship `template`), and the sessions its one-time links opened (relationship `sessions`).
 */
import { z } from "zod";
import { FieldMap, NullableText, NullableTimestamp, objectId, parseSeed, Tags, Timestamp } from "./seed-input";
import { type TypedField, typedFields } from "./typed-fields";

export const INQUIRY_STATUSES = ["created", "pending", "completed", "expired", "failed", "needs_review", "approved", "declined"] as const;

/** An inquiry session (`iqse_…`): what a one-time link or a session token opens. */
export interface InquirySession {
  id: string;
  createdAt: string;
  /** When its one-time link stops working (Persona: 24 h unless the request says otherwise). */
  expiresAt: string;
  /** Its one-time link (codes and the URLs issued), or null for a session opened by `auto-create-inquiry-session` alone. */
  oneTimeLink: { code: string; shortCode: string; url: string; shortUrl: string } | null;
}

export interface InquiryRecord {
  id: string;
  seq: number;
  status: string;
  referenceId: string | null;
  accountId: string | null;
  /** Null for a Legacy 2.0 inquiry, which has `templateId` instead. */
  inquiryTemplateId: string | null;
  templateId: string | null;
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
  /** `redirect-uri` of the creation request: kept (the hosted flow's), not serialized. */
  redirectUri: string | null;
  /** `meta.expiration-after-start-interval-seconds`: applied to `expires-at` when the inquiry starts. */
  expirationAfterStartSeconds: number | null;
  /** Who decisioned it (`relationships.reviewer`), set by an approve or decline. */
  reviewer: { type: string; id: string } | null;
  sessions: InquirySession[];
}

const InquiryPatch = z
  .object({
    status: z.string().min(1),
    referenceId: NullableText,
    account: objectId("act").nullable(),
    inquiryTemplateId: objectId("itmpl").nullable(),
    templateId: objectId("tmpl").nullable(),
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
    redirectUri: NullableText,
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
    inquiryTemplateId: seed.templateId ? null : context.defaultInquiryTemplateId, // a legacy inquiry has no itmpl_
    templateId: null,
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
    redirectUri: null,
    expirationAfterStartSeconds: null,
    reviewer: null,
    sessions: [],
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
      template: { data: record.templateId === null ? null : { type: "template", id: record.templateId } },
      "inquiry-template": { data: record.inquiryTemplateId === null ? null : { type: "inquiry-template", id: record.inquiryTemplateId } },
      "inquiry-template-version": { data: null },
      reviewer: { data: record.reviewer === null ? null : { ...record.reviewer } },
      reports: { data: [] },
      verifications: { data: [] },
      sessions: { data: record.sessions.map((session) => ({ type: "inquiry-session", id: session.id })) },
      documents: { data: [] },
      selfies: { data: [] },
      transaction: { data: null },
    },
  };
}
