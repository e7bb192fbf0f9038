/**
 * The request bodies of the inquiry writes, as zod copies of the spec's request schemas (every member they declare,
 * `additionalProperties: false`): `POST /inquiries` (create-an-inquiry) and
 * `POST /inquiries/{inquiry-id}/generate-one-time-link` (generate-a-one-time-link). Pure data, so the conformance
 * tests (test/fakes/persona/catalog.test.ts) can hold the members to the spec.
 */
import { z } from "zod";

const Text = z.string().nullable().optional();
const Seconds = z.number().int().nullable().optional();

/** `data.attributes` of the spec's request body (every member it declares; `additionalProperties: false`). */
const Attributes = z
  .object({
    "template-id": Text,
    "inquiry-template-id": Text,
    "inquiry-template-version-id": Text,
    /** Deprecated in favour of `meta.auto-create-account-reference-id`, which it stands in for. */
    "reference-id": Text,
    "account-id": Text,
    "creator-email-address": Text,
    "theme-id": Text,
    "theme-set-id": Text,
    "redirect-uri": Text,
    note: Text,
    fields: z.record(z.string(), z.unknown()).nullable().optional(),
    tags: z.array(z.string().min(1)).nullable().optional(), // a blank tag is refused before anything is written
    "initial-step-name": Text,
  })
  .strict();

const Meta = z
  .object({
    "auto-create-account": z.boolean().optional(),
    "auto-create-account-type-id": z.string().optional(),
    "auto-create-account-reference-id": z.string().optional(),
    "auto-create-inquiry-session": z.boolean().optional(),
    "auto-create-one-time-link": z.boolean().optional(),
    "expiration-after-create-interval-seconds": Seconds,
    "expiration-after-start-interval-seconds": Seconds,
    "expiration-after-resume-interval-seconds": Seconds,
    "one-time-link-expiration-seconds": Seconds,
  })
  .strict();

export const CreateInquiryBody = z.object({ data: z.object({ attributes: Attributes }).strict(), meta: Meta.optional() }).strict();

/** The members the fake accepts, which the conformance tests hold to the spec's request schemas. */
export const CREATE_INQUIRY_ATTRIBUTES = Object.keys(Attributes.shape);
export const CREATE_INQUIRY_META = Object.keys(Meta.shape);

const GenerateMeta = z.object({ "expires-in-seconds": z.number().int().optional() }).strict();
export const GenerateLinkBody = z.object({ meta: GenerateMeta.optional() }).strict();
export const GENERATE_LINK_META = Object.keys(GenerateMeta.shape);
