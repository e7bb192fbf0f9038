/**
 * Inquiries API: `GET /inquiries` (filters `inquiry-id, account-id, reference-id, inquiry-template-id, template-id,
 * status, note, created-at-start, created-at-end`; list filters take CSV or arrays; `note` must be alone) and
 * `GET /inquiries/{id}?include=account`.
 */
import { type ApiContext, ok, type Route, route } from "./api-context";
import { INQUIRY_INCLUDES, inquiryIncluded, single } from "./documents";
import { Env } from "./env";
import { P } from "./errors";
import { renderInquiry } from "./inquiries";
import { pageLinks, pageRequest, paginate } from "./pagination";
import { applyFieldsets, bracketParams, includePaths, listValues, onlyKeys, singleValue, sparseFieldsets } from "./query";

const INQUIRY_FILTERS = [
  "inquiry-id",
  "account-id",
  "reference-id",
  "inquiry-template-id",
  "template-id",
  "status",
  "note",
  "created-at-start",
  "created-at-end",
] as const;

function instant(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw P.badRequest(`filter[${name}] must be a date-time`);
  return parsed;
}

function listInquiries(context: ApiContext) {
  const filters = bracketParams(context.query, "filter");
  onlyKeys(filters, INQUIRY_FILTERS, "filter");
  if (filters.has("note") && filters.size > 1) throw P.badRequest("filter[note] must be the only filter");
  const inquiryIds = listValues(filters.get("inquiry-id"));
  const accountIds = listValues(filters.get("account-id"));
  const templateIds = listValues(filters.get("inquiry-template-id"));
  const legacyTemplateIds = listValues(filters.get("template-id"));
  const statuses = listValues(filters.get("status"));
  const referenceId = singleValue(filters.get("reference-id"));
  const note = singleValue(filters.get("note"));
  const start = instant(singleValue(filters.get("created-at-start")), "created-at-start");
  const end = instant(singleValue(filters.get("created-at-end")), "created-at-end");
  const page = pageRequest(context.query);
  const fieldsets = sparseFieldsets(context.query);
  const matching = Env.newestFirst(context.env.inquiries.values()).filter((record) => {
    const created = Date.parse(record.createdAt);
    return (
      (inquiryIds === undefined || inquiryIds.includes(record.id)) &&
      (accountIds === undefined || (record.accountId !== null && accountIds.includes(record.accountId))) &&
      (templateIds === undefined || (record.inquiryTemplateId !== null && templateIds.includes(record.inquiryTemplateId))) &&
      (legacyTemplateIds === undefined || (record.templateId !== null && legacyTemplateIds.includes(record.templateId))) &&
      (statuses === undefined || statuses.includes(record.status)) &&
      (referenceId === undefined || record.referenceId === referenceId) &&
      (note === undefined || record.note === note) &&
      (start === undefined || created >= start) &&
      (end === undefined || created <= end)
    );
  });
  const result = paginate(matching, page);
  return ok({
    data: result.items.map((record) => applyFieldsets(renderInquiry(record), fieldsets)),
    links: pageLinks(context.linkPath, [...context.query], result),
  });
}

function retrieveInquiry(context: ApiContext, [id]: string[]) {
  const record = context.env.inquiries.get(id!);
  if (!record) throw P.notFound();
  const paths = includePaths(context.query, INQUIRY_INCLUDES);
  return ok(single(renderInquiry(record), inquiryIncluded(context.env, record, paths), paths, sparseFieldsets(context.query)));
}

export const INQUIRY_ROUTES: Route[] = [route("list-all-inquiries", listInquiries), route("retrieve-an-inquiry", retrieveInquiry)];
