/**
 * JSON:API documents of the environment's objects: a resource with the related objects named by `include` (or, for
 * webhook payloads, every related object, as the spec says of `included`), and sparse fieldsets applied.
 */
import { type AccountRecord, renderAccount, renderAccountType } from "./accounts";
import { type CaseRecord, renderCaseComment, renderCaseTemplate } from "./cases";
import type { Env } from "./env";
import { type InquiryRecord, renderInquiry } from "./inquiries";
import { applyFieldsets } from "./query";

export const CASE_INCLUDES = ["accounts", "inquiries", "case-comments", "case-template"] as const;
export const INQUIRY_INCLUDES = ["account"] as const;
export const ACCOUNT_INCLUDES = ["account-type"] as const;

type Resource = { type: string; id: string; attributes?: Record<string, unknown> };

function present<T>(values: Array<T | undefined>): T[] {
  return values.filter((value): value is T => value !== undefined);
}

export function caseIncluded(env: Env, record: CaseRecord, paths: readonly string[]): Resource[] {
  const out: Resource[] = [];
  if (paths.includes("accounts")) out.push(...present(record.accountIds.map((id) => env.accounts.get(id))).map(renderAccount));
  if (paths.includes("inquiries")) out.push(...present(record.inquiryIds.map((id) => env.inquiries.get(id))).map(renderInquiry));
  if (paths.includes("case-comments")) out.push(...record.comments.map(renderCaseComment));
  if (paths.includes("case-template")) out.push(renderCaseTemplate(record.caseTemplate));
  return out;
}

export function inquiryIncluded(env: Env, record: InquiryRecord, paths: readonly string[]): Resource[] {
  const account = record.accountId === null ? undefined : env.accounts.get(record.accountId);
  return paths.includes("account") && account ? [renderAccount(account)] : [];
}

export function accountIncluded(record: AccountRecord, paths: readonly string[]): Resource[] {
  return paths.includes("account-type") ? [renderAccountType(record.accountType)] : [];
}

/** `{data, included?}` of one object; `included` only when something was asked for. */
export function single(data: Resource, included: Resource[], paths: readonly string[], fieldsets: Map<string, Set<string>>) {
  return {
    data: applyFieldsets(data, fieldsets),
    ...(paths.length > 0 ? { included: included.map((resource) => applyFieldsets(resource, fieldsets)) } : {}),
  };
}
