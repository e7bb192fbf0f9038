/**
 * Cases API: `GET /cases` (filters `status, case-template-id, account-id, reference-id, inquiry-id, report-id`),
 * `GET /cases/{id}?include=…`, `POST /cases/search`, and the tag actions `POST /cases/{id}/add-tag` and
 * `remove-tag` with `{"meta": {"tag-name" | "tag-id"}}`.
 */
import { type ApiContext, ok, type Route, route } from "./api-context";
import { type CaseRecord, renderCase } from "./cases";
import { CASE_INCLUDES, caseIncluded, single } from "./documents";
import { Env } from "./env";
import { P, PersonaError } from "./errors";
import { pageLinks, pageRequest, paginate } from "./pagination";
import { applyFieldsets, bracketParams, includePaths, onlyKeys, singleValue, sparseFieldsets } from "./query";
import { compileQuery, type SearchSchema, searchRequest, sortRecords } from "./search";

const CASE_FILTERS = ["status", "case-template-id", "account-id", "reference-id", "inquiry-id", "report-id"] as const;

function listCases(context: ApiContext) {
  const filters = bracketParams(context.query, "filter");
  onlyKeys(filters, CASE_FILTERS, "filter");
  const want = (name: (typeof CASE_FILTERS)[number]) => singleValue(filters.get(name));
  const status = want("status")?.toLowerCase();
  const templateId = want("case-template-id");
  const accountId = want("account-id");
  const referenceId = want("reference-id");
  const inquiryId = want("inquiry-id");
  const reportId = want("report-id");
  const page = pageRequest(context.query);
  const fieldsets = sparseFieldsets(context.query);
  const matching = Env.newestFirst(context.env.cases.values()).filter(
    (record) =>
      (status === undefined || record.status.toLowerCase() === status) &&
      (templateId === undefined || record.caseTemplate.id === templateId) &&
      (accountId === undefined || record.accountIds.includes(accountId)) &&
      (referenceId === undefined || record.referenceId === referenceId) &&
      (inquiryId === undefined || record.inquiryIds.includes(inquiryId)) &&
      reportId === undefined, // reports are not modelled: no case has one
  );
  const result = paginate(matching, page);
  return ok({
    data: result.items.map((record) => applyFieldsets(renderCase(record), fieldsets)),
    links: pageLinks(context.linkPath, [...context.query], result),
  });
}

function findCase(context: ApiContext, id: string | undefined): CaseRecord {
  const record = context.env.cases.get(id!);
  if (!record) throw P.notFound();
  return record;
}

function caseDocument(context: ApiContext, record: CaseRecord) {
  const paths = includePaths(context.query, CASE_INCLUDES);
  return ok(single(renderCase(record), caseIncluded(context.env, record, paths), paths, sparseFieldsets(context.query)));
}

export function caseSearchSchema(env: Env): SearchSchema<CaseRecord> {
  return {
    attributes: ["template", "status", "state", "created_at", "updated_at", "resolved_at", "sla_expires_at", "assignee", "case_queue", "resolver"],
    prefixes: ["fields."],
    timestamps: ["created_at", "updated_at", "resolved_at", "sla_expires_at"],
    caseInsensitive: ["status", "state"],
    checkAttribute(attribute) {
      const searchable = env.options.searchableCaseFields;
      if (searchable !== null && !searchable.includes(attribute.slice("fields.".length))) {
        throw P.badRequest(`${attribute} is not marked searchable on the case template`);
      }
    },
    read(record, attribute) {
      if (attribute.startsWith("fields.")) return record.fields[attribute.slice("fields.".length)];
      const values: Record<string, unknown> = {
        template: [record.caseTemplate.id, record.caseTemplate.name],
        status: record.status,
        state: record.state,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
        resolved_at: record.resolvedAt,
        sla_expires_at: record.slaExpiresAt,
        assignee: record.assigneeId,
        case_queue: record.caseQueueId,
        resolver: record.resolverId,
      };
      return values[attribute];
    },
  };
}

function searchCases(context: ApiContext) {
  const request = searchRequest(context.body);
  const schema = caseSearchSchema(context.env);
  const matches = compileQuery(request.query, schema);
  const page = pageRequest(context.query, request.page);
  const fieldsets = sparseFieldsets(context.query);
  const visible = context.env.search.cases.visible(context.nowMs, context.env.options.searchLagMs);
  const result = paginate(sortRecords(visible.filter(matches), request.sort, schema), page);
  return ok({
    data: result.items.map((record) => applyFieldsets(renderCase(record), fieldsets)),
    links: pageLinks(context.linkPath, [["page[size]", String(page.size)]], result),
  });
}

/** The tag an action names: `meta.tag-name`, or `meta.tag-id` of a tag this environment has seen. */
function tagOf(context: ApiContext): string {
  const body = context.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw P.badRequest("meta is missing");
  for (const key of Object.keys(body)) if (key !== "meta") throw P.badRequest(`${key} is not a permitted parameter`);
  const meta = (body as { meta?: unknown }).meta;
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) throw P.badRequest("meta is missing");
  for (const key of Object.keys(meta)) if (key !== "tag-name" && key !== "tag-id") throw P.badRequest(`meta.${key} is not a permitted parameter`);
  const { "tag-name": name, "tag-id": tagId } = meta as Record<string, unknown>;
  if (name !== undefined) {
    if (typeof name !== "string") throw P.badRequest("meta.tag-name must be a string");
    if (name.trim() === "") throw P.unprocessable("Tag name can't be blank", "/meta/tag-name");
    return name;
  }
  if (tagId !== undefined) {
    if (typeof tagId !== "string") throw P.badRequest("meta.tag-id must be a string");
    const known = context.env.tagName(tagId);
    if (known === undefined) throw P.notFound();
    return known;
  }
  throw P.badRequest("meta.tag-name or meta.tag-id must be provided");
}

function changeTags(change: "add" | "remove") {
  return (context: ApiContext, [id]: string[]) => {
    const record = findCase(context, id);
    const tag = tagOf(context);
    if (record.redactedAt !== null) throw new PersonaError(409, { title: "Conflict", details: "Case already redacted" });
    const present = record.tags.includes(tag);
    if (change === "add" && !present) record.tags.push(tag);
    if (change === "remove" && present) record.tags.splice(record.tags.indexOf(tag), 1);
    if (change === "add") context.env.tagId(tag);
    if ((change === "add") !== present) {
      record.updatedAt = new Date(context.nowMs).toISOString();
      context.env.caseChanged(record, context.nowMs);
    }
    return caseDocument(context, record);
  };
}

export const CASE_ROUTES: Route[] = [
  route("list-all-cases", listCases),
  route("search-cases", searchCases),
  route("retrieve-case", (context, [id]) => caseDocument(context, findCase(context, id))),
  route("add-tag", changeTags("add")),
  route("remove-tag", changeTags("remove")),
];
