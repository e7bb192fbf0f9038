import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { PersonaIdSchema } from "../../../shared/ids";
import type { PersonaAccount, PersonaCase, PersonaInquiry } from "../../../shared/persona";

/** Persona's dashboard, where each object opens for a person (docs/persona.md §1.3; the accounts path is unverified). */
export const PERSONA_DASHBOARD = "https://app.withpersona.com/dashboard";

export const dashboardUrl = (kind: "accounts" | "cases" | "inquiries", id: string) => `${PERSONA_DASHBOARD}/${kind}/${encodeURIComponent(id)}`;

// Lenient on purpose: Persona adds attributes in new versions and statuses are free-form; an attribute of an
// unexpected type reads as absent rather than failing the whole answer. Only the document's shape is strict.
const text = z
  .string()
  .nullish()
  .catch(null)
  .transform((value) => value ?? null);
const tags = z
  .array(z.unknown())
  .nullish()
  .catch(null)
  .transform((value) => (value ?? []).filter((tag): tag is string => typeof tag === "string"));

const ResourceSchema = z
  .object({
    id: PersonaIdSchema,
    type: z.string(),
    attributes: z.record(z.string(), z.unknown()).nullish(),
  })
  .loose();

const ListDocumentSchema = z.object({ data: z.array(ResourceSchema) }).loose();

const AccountAttributes = z.object({ "reference-id": text, "account-type-name": text, "account-status": text, tags, "created-at": text }).loose();
const CaseAttributes = z
  .object({ status: text, name: text, resolution: text, "assignee-id": text, tags, "created-at": text, "updated-at": text, "resolved-at": text })
  .loose();
const InquiryAttributes = z.object({ status: text, "reference-id": text, tags, "created-at": text, "completed-at": text, "decisioned-at": text }).loose();

type Resource = z.infer<typeof ResourceSchema>;

/** The `data` array of a JSON:API list answer; anything else is `persona_unavailable` (not Persona, or broken). */
export function listData(body: unknown): Resource[] {
  const parsed = ListDocumentSchema.safeParse(body);
  if (!parsed.success) throw new AppError("persona_unavailable", "Persona answered an unexpected document");
  return parsed.data.data;
}

export function toAccount(resource: Resource): PersonaAccount {
  const a = AccountAttributes.parse(resource.attributes ?? {});
  return {
    id: resource.id,
    referenceId: a["reference-id"],
    accountTypeName: a["account-type-name"],
    status: a["account-status"],
    tags: a.tags,
    createdAt: a["created-at"],
    dashboardUrl: dashboardUrl("accounts", resource.id),
  };
}

export function toCase(resource: Resource): PersonaCase {
  const a = CaseAttributes.parse(resource.attributes ?? {});
  return {
    id: resource.id,
    status: a.status,
    name: a.name,
    resolution: a.resolution,
    assigneeId: a["assignee-id"],
    tags: a.tags,
    open: a["resolved-at"] === null,
    createdAt: a["created-at"],
    updatedAt: a["updated-at"],
    resolvedAt: a["resolved-at"],
    dashboardUrl: dashboardUrl("cases", resource.id),
  };
}

export function toInquiry(resource: Resource): PersonaInquiry {
  const a = InquiryAttributes.parse(resource.attributes ?? {});
  return {
    id: resource.id,
    status: a.status,
    referenceId: a["reference-id"],
    tags: a.tags,
    createdAt: a["created-at"],
    completedAt: a["completed-at"],
    decisionedAt: a["decisioned-at"],
    dashboardUrl: dashboardUrl("inquiries", resource.id),
  };
}

/** Newest first by `createdAt` (a missing or unreadable date sorts last). */
export function newestFirst<T extends { createdAt: string | null }>(a: T, b: T): number {
  return time(b.createdAt) - time(a.createdAt);
}

function time(iso: string | null): number {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? Number.MIN_SAFE_INTEGER : ms;
}

/** Open cases (no resolved-at) before resolved ones, newest first within each: the case to act on comes first. */
export function casesInOrder(cases: PersonaCase[]): PersonaCase[] {
  return [...cases].sort((a, b) => Number(b.open) - Number(a.open) || newestFirst(a, b));
}
