/**
 * `POST /inquiries` (create-an-inquiry), as verified recovery uses it (docs/persona.md §4): a template
 * (`inquiry-template-id` `itmpl_…`, or legacy `template-id` `tmpl_…`), prefilled `fields`, the account (`account-id`,
 * or `meta.auto-create-account` with `meta.auto-create-account-reference-id`: the account with that reference ID, or
 * a new one), `note`, `tags`, `redirect-uri`, and `meta.auto-create-one-time-link`. Answers 201 with the inquiry
 * (status `created`) and `meta: {session-token, one-time-link, one-time-link-short}`, each null unless asked for.
 *
 * Every check runs before anything is written, so a refused request creates no account. The idempotency layer
 * (api-request.ts) makes a retry with the same `Idempotency-Key` answer the first inquiry.
 */
import type { z } from "zod";
import type { AccountRecord } from "./accounts";
import { type ApiContext, type Route, route } from "./api-context";
import { INQUIRY_INCLUDES, inquiryIncluded, single } from "./documents";
import { P } from "./errors";
import { newSessionToken } from "./ids";
import { renderInquiry } from "./inquiries";
import { InquiryFieldError, newInquiryFields } from "./inquiry-fields";
import { CreateInquiryBody } from "./inquiry-request-bodies";
import { openSession } from "./one-time-links";
import { includePaths, sparseFieldsets } from "./query";
import { parseBody } from "./request-body";
import { SeedError } from "./seed-input";

type Body = z.infer<typeof CreateInquiryBody>;
type Meta = NonNullable<Body["meta"]>;

/** The template the inquiry runs: exactly one of the three ids, of the environment's templates. */
function template(context: ApiContext, attributes: Body["data"]["attributes"]): { inquiryTemplateId: string | null; templateId: string | null } {
  const given = (["inquiry-template-id", "template-id", "inquiry-template-version-id"] as const).filter((name) => attributes[name] != null);
  if (given.length === 0) throw P.badRequest("data.attributes.inquiry-template-id, template-id or inquiry-template-version-id must be provided");
  if (given.length > 1) throw P.badRequest(`give only one of data.attributes.${given.join(", ")}`);
  const name = given[0]!;
  // Template versions belong to a template the fake cannot know; say so rather than invent one.
  if (name === "inquiry-template-version-id") throw P.badRequest("data.attributes.inquiry-template-version-id is not modelled by the fake");
  const id = attributes[name]!;
  const prefix = name === "inquiry-template-id" ? "itmpl_" : "tmpl_";
  if (!id.startsWith(prefix) || !context.env.hasInquiryTemplate(id)) {
    throw P.notFound(`data.attributes.${name} is not found`);
  }
  return name === "inquiry-template-id" ? { inquiryTemplateId: id, templateId: null } : { inquiryTemplateId: null, templateId: id };
}

function prefill(fields: Record<string, unknown> | null | undefined) {
  try {
    return newInquiryFields(fields ?? {});
  } catch (error) {
    if (!(error instanceof InquiryFieldError)) throw error;
    if (error.kind === "type") throw P.badRequest(`data.attributes.${error.message}`);
    throw P.unprocessable(error.message, `/data/attributes/fields/${error.key}`);
  }
}

function checkSeconds(meta: Meta): void {
  for (const name of [
    "expiration-after-create-interval-seconds",
    "expiration-after-start-interval-seconds",
    "expiration-after-resume-interval-seconds",
    "one-time-link-expiration-seconds",
  ] as const) {
    const value = meta[name];
    if (value != null && value <= 0) throw P.unprocessable(`meta.${name} must be greater than 0`, `/meta/${name}`);
  }
}

/**
 * The account to attach, as a function that creates it if need be (run only once every check has passed):
 * `account-id`; else, with `auto-create-account` (Persona's default: true), the account with the reference ID, or
 * a new one (of `auto-create-account-type-id`, ignored when the account exists); else none.
 */
function account(context: ApiContext, attributes: Body["data"]["attributes"], meta: Meta): () => AccountRecord | null {
  const autoCreate = meta["auto-create-account"] ?? true;
  const metaReference = meta["auto-create-account-reference-id"];
  const typeId = meta["auto-create-account-type-id"];
  const legacyReference = attributes["reference-id"] ?? undefined;
  const accountId = attributes["account-id"] ?? undefined;
  if (!autoCreate && (metaReference !== undefined || typeId !== undefined)) {
    throw P.badRequest(
      `meta.${metaReference !== undefined ? "auto-create-account-reference-id" : "auto-create-account-type-id"} needs meta.auto-create-account: true`,
    );
  }
  if (metaReference !== undefined && accountId !== undefined) {
    throw P.badRequest("give data.attributes.account-id or meta.auto-create-account-reference-id, not both");
  }
  if (metaReference !== undefined && legacyReference !== undefined && legacyReference !== metaReference) {
    throw P.badRequest("data.attributes.reference-id (deprecated) and meta.auto-create-account-reference-id differ");
  }
  if (accountId !== undefined) {
    const found = context.env.accounts.get(accountId);
    if (!found) throw P.notFound("data.attributes.account-id is not found");
    return () => found;
  }
  if (!autoCreate) return () => null;
  const reference = metaReference ?? legacyReference ?? null;
  const existing = reference === null ? undefined : context.env.accountByReferenceId(reference);
  if (existing) return () => existing;
  const accountType = typeId === undefined ? undefined : context.env.accountTypeById(typeId);
  if (typeId !== undefined && accountType === undefined) throw P.notFound("meta.auto-create-account-type-id is not found");
  return () => context.env.seedAccount({ referenceId: reference, accountTypeName: accountType?.name ?? "User" }, context.nowMs);
}

function createInquiry(context: ApiContext) {
  const { data, meta = {} } = parseBody(CreateInquiryBody, context.body);
  const { attributes } = data;
  const paths = includePaths(context.query, INQUIRY_INCLUDES);
  const fieldsets = sparseFieldsets(context.query);
  const templates = template(context, attributes);
  const fields = prefill(attributes.fields);
  checkSeconds(meta);
  const attach = account(context, attributes, meta);

  const attached = attach();
  const createSeconds = meta["expiration-after-create-interval-seconds"];
  let record: ReturnType<typeof context.env.seedInquiry>;
  try {
    record = context.env.seedInquiry(
      {
        ...templates,
        account: attached?.id ?? null,
        // Without an account, the deprecated attribute is still the inquiry's own reference ID.
        ...(attached === null ? { referenceId: attributes["reference-id"] ?? null } : {}),
        note: attributes.note ?? null,
        tags: attributes.tags ?? [],
        creator: attributes["creator-email-address"] ?? "API",
        redirectUri: attributes["redirect-uri"] ?? null,
        fields,
        expiresAt: createSeconds == null ? null : new Date(context.nowMs + createSeconds * 1000).toISOString(),
      },
      context.nowMs,
    );
  } catch (error) {
    if (error instanceof SeedError) throw P.badRequest(error.message); // not reached: the body was checked above
    throw error;
  }
  record.expirationAfterStartSeconds = meta["expiration-after-start-interval-seconds"] ?? null;

  const withLink = meta["auto-create-one-time-link"] === true;
  const withSession = meta["auto-create-inquiry-session"] === true;
  const opened =
    withLink || withSession
      ? openSession(context.env, record, context.nowMs, { withLink, expiresInSeconds: meta["one-time-link-expiration-seconds"] })
      : undefined;
  return {
    status: 201,
    body: {
      ...single(renderInquiry(record), inquiryIncluded(context.env, record, paths), paths, fieldsets),
      meta: {
        "session-token": withSession ? newSessionToken() : null,
        "one-time-link": opened?.link?.url ?? null,
        "one-time-link-short": opened?.link?.shortUrl ?? null,
      },
    },
  };
}

export const INQUIRY_CREATE_ROUTES: Route[] = [route("create-an-inquiry", createInquiry)];
