import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { PersonaIdSchema } from "../../../shared/ids";
import { type PersonaAmbient, type PersonaConnection, personaRequest } from "./client";

/**
 * The Persona inquiry behind a verification (docs/persona.md §4, docs/verified-recovery.md): created from the
 * policy's template for the account whose reference ID is the Okta user ID, prefilled, with a one-time link;
 * and read back for its status, its account's reference ID, its template and the values Persona verified.
 */

type Asking = { connection: PersonaConnection; ambient: PersonaAmbient; deadlineMs: number };

export type VerificationInquiryInput = {
  templateId: string;
  oktaUserId: string;
  /** The matched account, when there is exactly one; otherwise Persona finds or creates it by reference ID. */
  accountId: string | null;
  fields: Record<string, string>;
  linkTtlSeconds: number;
  /** One per operator's click: a retried creation answers the first inquiry. */
  idempotencyKey: string;
};

export type CreatedInquiry = { inquiryId: string; status: string; oneTimeLink: string; linkExpiresAtMs: number };

const CreatedSchema = z.object({
  data: z.object({ id: PersonaIdSchema, attributes: z.object({ status: z.string() }).loose() }).loose(),
  meta: z.object({ "one-time-link": z.url({ protocol: /^https$/ }) }).loose(),
});

export async function createVerificationInquiry(asking: Asking, input: VerificationInquiryInput): Promise<CreatedInquiry> {
  // `data.attributes.reference-id` is deprecated: the account carries the Okta user ID instead.
  const account = input.accountId
    ? { attributes: { "account-id": input.accountId } }
    : { meta: { "auto-create-account": true, "auto-create-account-reference-id": input.oktaUserId } };
  const body = {
    data: { attributes: { "inquiry-template-id": input.templateId, fields: input.fields, ...account.attributes } },
    meta: { ...account.meta, "auto-create-one-time-link": true, "one-time-link-expiration-seconds": input.linkTtlSeconds },
  };
  const sentAt = asking.ambient.nowMs();
  const response = await personaRequest(
    asking.connection,
    { method: "POST", path: "/inquiries", body, idempotencyKey: input.idempotencyKey },
    asking.ambient,
    asking.deadlineMs,
  );
  const parsed = CreatedSchema.safeParse(response.body);
  if (!parsed.success) {
    throw new AppError("persona_unavailable", "Persona's answer to the inquiry creation has no inquiry ID or one-time link", {
      personaRequestId: response.requestId,
    });
  }
  return {
    inquiryId: parsed.data.data.id,
    status: parsed.data.data.attributes.status,
    oneTimeLink: parsed.data.meta["one-time-link"],
    linkExpiresAtMs: sentAt + input.linkTtlSeconds * 1000,
  };
}

export type InquiryState = {
  inquiryId: string;
  status: string;
  /** The reference ID of the inquiry's account, when Persona includes it. */
  referenceId: string | null;
  /** `itmpl_…` (Dynamic Flow) or `tmpl_…` (Legacy 2.0), as the relationships name it. */
  templateId: string | null;
  /** Field name → Persona's `{type, value}`. */
  fields: Record<string, unknown>;
};

const relation = z
  .object({ data: z.object({ id: z.string() }).nullish() })
  .nullish()
  .catch(null);
const InquirySchema = z.object({
  data: z
    .object({
      id: PersonaIdSchema,
      attributes: z
        .object({ status: z.string(), "reference-id": z.string().nullish().catch(null), fields: z.record(z.string(), z.unknown()).nullish().catch(null) })
        .loose(),
      relationships: z.object({ "inquiry-template": relation, template: relation, account: relation }).loose().nullish().catch(null),
    })
    .loose(),
  included: z
    .array(z.object({ type: z.string(), id: z.string(), attributes: z.record(z.string(), z.unknown()).nullish() }).loose())
    .nullish()
    .catch(null),
});

/** Reads an inquiry with its account (`include=account`), for the status, the reference ID and the verified fields. */
export async function readInquiry(asking: Asking, inquiryId: string): Promise<InquiryState> {
  const id = PersonaIdSchema.parse(inquiryId);
  const response = await personaRequest(
    asking.connection,
    { method: "GET", path: `/inquiries/${encodeURIComponent(id)}`, query: { include: "account" } },
    asking.ambient,
    asking.deadlineMs,
  );
  const parsed = InquirySchema.safeParse(response.body);
  if (!parsed.success) throw new AppError("persona_unavailable", "Persona's inquiry has no status", { personaRequestId: response.requestId });
  const { data, included } = parsed.data;
  const accountId = data.relationships?.account?.data?.id ?? null;
  const account = included?.find((item) => item.type === "account" && item.id === accountId);
  const accountReference = account?.attributes?.["reference-id"];
  return {
    inquiryId: data.id,
    status: data.attributes.status,
    referenceId: typeof accountReference === "string" ? accountReference : (data.attributes["reference-id"] ?? null),
    templateId: data.relationships?.["inquiry-template"]?.data?.id ?? data.relationships?.template?.data?.id ?? null,
    fields: data.attributes.fields ?? {},
  };
}
