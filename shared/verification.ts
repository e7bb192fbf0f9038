import { z } from "zod";
import { HttpsUrlSchema } from "./https-url";
import { INHERITED_NAME_MESSAGE, INHERITED_NAMES } from "./inherited-names";
import { OKTA_ACTIONS, type OktaAction } from "./okta-actions";

/**
 * Verified recovery: the organization's policy for making risky recovery actions wait for a Persona
 * verification of the person who asked (docs/verified-recovery.md).
 */

/** The catalog's write actions (everything that changes an Okta user): the ones a policy may gate. */
export const GATEABLE_ACTIONS = (Object.keys(OKTA_ACTIONS) as OktaAction[]).filter((action) => OKTA_ACTIONS[action].method !== "GET");
export const GateableActionSchema = z.enum(GATEABLE_ACTIONS as [OktaAction, ...OktaAction[]]);
export type GateableAction = z.infer<typeof GateableActionSchema>;

/** A Persona inquiry template: `itmpl_…`. */
export const InquiryTemplateIdSchema = z.string().regex(/^itmpl_[A-Za-z0-9]{1,64}$/, "a Persona inquiry template ID (itmpl_…)");

/** The inquiry outcomes that count as verified: `approved` (decisioning), or `completed` for templates without it. */
export const PassingStatusSchema = z.enum(["approved", "completed"]);

const notInherited = (schema: z.ZodString) => schema.refine((name) => !INHERITED_NAMES.has(name), INHERITED_NAME_MESSAGE);
/** A Persona inquiry field, as in `fields` of an inquiry: `name-first`, `email-address`, `birthdate`. */
export const PersonaFieldNameSchema = notInherited(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, "a Persona inquiry field such as name-first"));
/** An Okta profile attribute, base or custom: `firstName`, `legalFirstName`, `birthdate`. */
export const OktaAttributeNameSchema = notInherited(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,127}$/, "an Okta profile attribute such as firstName"));

export const DEFAULT_FIELD_MAP: Readonly<Record<string, string>> = { "name-first": "firstName", "name-last": "lastName", "email-address": "email" };
export const DEFAULT_REQUIRED_FOR: readonly OktaAction[] = ["reset_factors", "unlock", "temporary_access_code"];

const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** `PUT /api/orgs/{org}/verification`: what an admin sets; every field but the template has its default. */
export const VerificationPolicyInputSchema = z.strictObject({
  templateId: InquiryTemplateIdSchema,
  passOn: z.array(PassingStatusSchema).min(1).max(2).refine(distinct, "each status once").default(["approved"]),
  /** The one-time link's lifetime: 1 minute to 1 day (default 15 minutes). */
  linkTtlSeconds: z.number().int().min(60).max(86_400).default(900),
  /** How long a verification allows an action after it succeeded: 1 minute to 1 day (default 30). */
  validForMinutes: z.number().int().min(1).max(1440).default(30),
  requiredFor: z
    .array(GateableActionSchema)
    .max(GATEABLE_ACTIONS.length)
    .refine(distinct, "each action once")
    .default([...DEFAULT_REQUIRED_FOR]),
  /** Persona inquiry field → the Okta profile attribute that prefills it and that it is compared with. */
  fieldMap: z
    .record(PersonaFieldNameSchema, OktaAttributeNameSchema)
    .refine((map) => Object.keys(map).length <= 20, "at most 20 fields")
    .default({ ...DEFAULT_FIELD_MAP }),
});
/** A validated PUT body, defaults filled in. */
export type VerificationPolicyInput = z.output<typeof VerificationPolicyInputSchema>;

/** The stored policy (KV `verification:{org}`), and what `GET` answers when one is set. */
export const VerificationPolicySchema = z.object({
  templateId: InquiryTemplateIdSchema,
  passOn: z.array(PassingStatusSchema),
  linkTtlSeconds: z.number().int(),
  validForMinutes: z.number().int(),
  requiredFor: z.array(GateableActionSchema),
  fieldMap: z.record(z.string(), z.string()),
  updatedAt: z.string(),
});
export type VerificationPolicy = z.infer<typeof VerificationPolicySchema>;

/** `GET`/`PUT /api/orgs/{org}/verification`: the policy with `configured`, or `{configured: false}`. */
export const VerificationPolicyViewSchema = z.union([
  VerificationPolicySchema.extend({ configured: z.literal(true) }),
  z.object({ configured: z.literal(false) }),
]);
export type VerificationPolicyView = z.infer<typeof VerificationPolicyViewSchema>;

/**
 * Where a verification stands. `pending` until the inquiry passes (`verified`), fails (`declined`: declined or
 * failed), waits for a reviewer (`needs_review`) or runs out (`expired`); a verified one allows one action (`used`)
 * until `validUntil`; an operator may cancel a pending or verified one (`cancelled`).
 */
export const VerificationStatusSchema = z.enum(["pending", "verified", "declined", "needs_review", "expired", "used", "cancelled"]);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

/** How a verified inquiry field compares with the Okta profile attribute it maps to; never the values. */
export const FieldComparisonSchema = z.object({ field: z.string(), result: z.enum(["match", "differs", "missing"]) });
export type FieldComparison = z.infer<typeof FieldComparisonSchema>;

/** A verification's ID: `ver_` and 24 hex digits. */
export const VerificationIdSchema = z.string().regex(/^ver_[0-9a-f]{24}$/, "a verification ID (ver_…)");

/** A verification as `GET …/okta/users/{userId}/verifications/{id}` answers it. */
export const VerificationSchema = z.object({
  id: VerificationIdSchema,
  oktaUserId: z.string(),
  status: VerificationStatusSchema,
  inquiryId: z.string(),
  /** Persona's own status of the inquiry, as last seen (its list may grow, so any string). */
  inquiryStatus: z.string(),
  templateId: InquiryTemplateIdSchema,
  comparison: z.array(FieldComparisonSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  usedBy: z.string().nullable(),
  usedAt: z.string().nullable(),
  usedFor: GateableActionSchema.nullable(),
  /** The one action the operator started it for, or null for any gated action. */
  for: GateableActionSchema.nullable(),
});
export type Verification = z.infer<typeof VerificationSchema>;

/** `POST …/okta/users/{userId}/verifications`: optionally, the one action the verification is for. */
export const StartVerificationBodySchema = z.strictObject({ for: GateableActionSchema.optional() });

/** The 201 answer: the one-time link is shown here only, for the operator to send over a channel they trust. */
export const StartedVerificationSchema = z.object({
  id: VerificationIdSchema,
  status: z.literal("pending"),
  inquiryId: z.string(),
  /** https only: the person opens it, and the overlay shows it. */
  oneTimeLink: HttpsUrlSchema,
  linkExpiresAt: z.string(),
  createdAt: z.string(),
  for: GateableActionSchema.nullable(),
});
export type StartedVerification = z.infer<typeof StartedVerificationSchema>;

/** `GET …/verifications`: the user's verifications, newest first. */
export const VerificationListSchema = z.object({ verifications: z.array(VerificationSchema) });
export type VerificationList = z.infer<typeof VerificationListSchema>;

/** An admin's reason for running a gated action without a verification ("break glass"). */
export const OverrideReasonSchema = z.string().trim().min(10, "give a reason of 10 characters or more").max(500);

/**
 * What a gated action's JSON body may carry: the verification that allows it, or (admins only) the override
 * reason. Spread into the action bodies of shared/okta-proxy.ts; never sent to Okta.
 */
export const RecoveryProofFields = {
  verificationId: VerificationIdSchema.optional(),
  overrideReason: OverrideReasonSchema.optional(),
};
export type RecoveryProof = { verificationId?: string | undefined; overrideReason?: string | undefined };

/** How an audited action was allowed under the verification policy: by a verification, or by an admin's override. */
export const RecoverySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("verification"), verificationId: VerificationIdSchema, inquiryId: z.string() }),
  z.object({ kind: z.literal("override"), reason: z.string() }),
]);
export type Recovery = z.infer<typeof RecoverySchema>;
