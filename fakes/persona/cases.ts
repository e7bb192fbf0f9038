/**
 * Cases (`case_…`): record, seed and JSON:API form (`components/schemas/case`). Status is free-form text chosen by
 * the case template (`Open`, `Pending`, `Approved`, …); "closed" is `resolved-at`/`resolution`, never a status
 * value (docs/persona.md §1.3). Case `fields` are served verbatim and never key-inflected.
 */
import { z } from "zod";
import { FieldMap, NullableText, NullableTimestamp, objectId, parseSeed, Tags, Timestamp } from "./seed-input";

export interface CaseTemplateRecord {
  id: string;
  name: string;
  resolutions: string[];
  createdAt: string;
}

export interface CaseCommentRecord {
  id: string;
  message: string;
  commenterId: string;
  commenterType: string;
  createdAt: string;
}

export interface CaseRecord {
  id: string;
  seq: number;
  name: string;
  status: string;
  /** Searchable as `state` (`open`/`resolved` unless seeded); not serialized. */
  state: string;
  resolution: string | null;
  createdAt: string;
  updatedAt: string;
  assignedAt: string | null;
  resolvedAt: string | null;
  redactedAt: string | null;
  slaExpiresAt: string | null;
  creatorId: string | null;
  creatorType: string | null;
  assigneeId: string | null;
  assignerId: string | null;
  assignerType: string | null;
  resolverId: string | null;
  resolverType: string | null;
  updaterId: string | null;
  updaterType: string | null;
  tags: string[];
  fields: Record<string, unknown>;
  caseTemplate: CaseTemplateRecord;
  caseQueueId: string | null;
  accountIds: string[];
  inquiryIds: string[];
  comments: CaseCommentRecord[];
  /**
   * What `GET /cases?filter[reference-id]=` matches. Persona does not document it (docs/persona.md §1.2, last
   * paragraph); the fake uses this hidden value, which defaults to the reference-id of the case's first account (or
   * inquiry).
   */
  referenceId: string | null;
}

const Comment = z
  .object({
    id: objectId("cscm").optional(),
    message: z.string(),
    commenterId: z.string().optional(),
    commenterType: z.string().optional(),
    createdAt: Timestamp.optional(),
  })
  .strict();

const CasePatch = z
  .object({
    name: z.string().min(1),
    status: z.string().min(1),
    state: z.string().min(1),
    resolution: NullableText,
    caseTemplateName: z.string().min(1),
    caseQueueId: objectId("cqueue").nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    assignedAt: NullableTimestamp,
    resolvedAt: NullableTimestamp,
    redactedAt: NullableTimestamp,
    slaExpiresAt: NullableTimestamp,
    creatorId: NullableText,
    creatorType: NullableText,
    assigneeId: NullableText,
    assignerId: NullableText,
    assignerType: NullableText,
    resolverId: NullableText,
    resolverType: NullableText,
    updaterId: NullableText,
    updaterType: NullableText,
    tags: Tags,
    fields: FieldMap,
    accounts: z.array(objectId("act")),
    inquiries: z.array(objectId("inq")),
    comments: z.array(Comment),
    referenceId: NullableText,
  })
  .partial()
  .strict();
const CaseSeed = CasePatch.extend({ id: objectId("case").optional() }).strict();

export interface CaseContext {
  nowIso: string;
  seq: number;
  /** 1 for the environment's first case: default names are `CASE-<n>`. */
  caseNumber: number;
  caseTemplate(name: string): CaseTemplateRecord;
  /** The reference-id of an account or inquiry of this environment; throws SeedError when it does not exist. */
  referenceIdOf(id: string): string | null;
  newCommentId(): string;
}

export function buildCase(input: unknown, context: CaseContext, newId: () => string): CaseRecord {
  const seed = parseSeed(CaseSeed, input, "case");
  const createdAt = seed.createdAt ?? context.nowIso;
  const record: CaseRecord = {
    id: seed.id ?? newId(),
    seq: context.seq,
    name: seed.name ?? `CASE-${context.caseNumber}`,
    status: seed.status ?? "Open",
    state: "open",
    resolution: null,
    createdAt,
    updatedAt: createdAt,
    assignedAt: null,
    resolvedAt: null,
    redactedAt: null,
    slaExpiresAt: null,
    creatorId: null,
    creatorType: null,
    assigneeId: null,
    assignerId: null,
    assignerType: null,
    resolverId: null,
    resolverType: null,
    updaterId: null,
    updaterType: null,
    tags: [],
    fields: {},
    caseTemplate: context.caseTemplate(seed.caseTemplateName ?? "Default"),
    caseQueueId: null,
    accountIds: [],
    inquiryIds: [],
    comments: [],
    referenceId: null,
  };
  applyCasePatch(record, seed, context);
  if (seed.updatedAt === undefined) record.updatedAt = createdAt;
  if (seed.state === undefined) record.state = record.resolvedAt === null ? "open" : "resolved";
  if (seed.referenceId === undefined) {
    const first = record.accountIds[0] ?? record.inquiryIds[0];
    record.referenceId = first === undefined ? null : context.referenceIdOf(first);
  }
  return record;
}

/** Sets any attribute directly (control API); `fields` are merged, `updatedAt` defaults to now. */
export function patchCase(record: CaseRecord, input: unknown, context: CaseContext): void {
  const patch = parseSeed(CasePatch, input, "case patch");
  applyCasePatch(record, patch, context);
  if (patch.updatedAt === undefined) record.updatedAt = context.nowIso;
  if (patch.state === undefined && patch.resolvedAt !== undefined) record.state = record.resolvedAt === null ? "open" : "resolved";
}

function applyCasePatch(record: CaseRecord, patch: z.infer<typeof CasePatch>, context: CaseContext): void {
  const { caseTemplateName, accounts, inquiries, comments, tags, fields, ...plain } = patch;
  for (const id of [...(accounts ?? []), ...(inquiries ?? [])]) context.referenceIdOf(id); // refuses unknown ids first
  for (const [key, value] of Object.entries(plain)) if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  if (caseTemplateName !== undefined) record.caseTemplate = context.caseTemplate(caseTemplateName);
  if (tags !== undefined) record.tags = [...new Set(tags)];
  if (fields !== undefined) record.fields = { ...record.fields, ...fields };
  if (accounts !== undefined) record.accountIds = [...new Set(accounts)];
  if (inquiries !== undefined) record.inquiryIds = [...new Set(inquiries)];
  if (comments !== undefined) {
    record.comments = comments.map((comment) => ({
      id: comment.id ?? context.newCommentId(),
      message: comment.message,
      commenterId: comment.commenterId ?? "reviewer@example.com",
      commenterType: comment.commenterType ?? "user",
      createdAt: comment.createdAt ?? context.nowIso,
    }));
  }
}

export function renderCase(record: CaseRecord) {
  const refs = (type: string, ids: string[]) => ({ data: ids.map((id) => ({ type, id })) });
  return {
    type: "case",
    id: record.id,
    attributes: {
      status: record.status,
      name: record.name,
      resolution: record.resolution,
      "created-at": record.createdAt,
      "updated-at": record.updatedAt,
      "assigned-at": record.assignedAt,
      "resolved-at": record.resolvedAt,
      "redacted-at": record.redactedAt,
      "sla-expires-at": record.slaExpiresAt,
      "creator-id": record.creatorId,
      "creator-type": record.creatorType,
      "assignee-id": record.assigneeId,
      "assigner-id": record.assignerId,
      "assigner-type": record.assignerType,
      "resolver-id": record.resolverId,
      "resolver-type": record.resolverType,
      "updater-id": record.updaterId,
      "updater-type": record.updaterType,
      tags: [...record.tags],
      fields: structuredClone(record.fields),
      attachments: [],
    },
    relationships: {
      "case-template": { data: { type: "case-template", id: record.caseTemplate.id } },
      "case-queue": { data: record.caseQueueId === null ? null : { type: "case-queue", id: record.caseQueueId } },
      "case-comments": refs(
        "case-comment",
        record.comments.map((comment) => comment.id),
      ),
      accounts: refs("account", record.accountIds),
      inquiries: refs("inquiry", record.inquiryIds),
      reports: { data: [] },
      verifications: { data: [] },
      txns: { data: [] },
    },
  };
}

export function renderCaseComment(comment: CaseCommentRecord) {
  return {
    type: "case-comment",
    id: comment.id,
    attributes: {
      message: comment.message,
      "created-at": comment.createdAt,
      "updated-at": comment.createdAt,
      "commenter-id": comment.commenterId,
      "commenter-type": comment.commenterType,
    },
  };
}

export function renderCaseTemplate(template: CaseTemplateRecord) {
  return {
    type: "case-template",
    id: template.id,
    attributes: {
      status: "active",
      name: template.name,
      resolutions: [...template.resolutions],
      "created-at": template.createdAt,
      "updated-at": template.createdAt,
      "archived-at": null,
    },
  };
}
