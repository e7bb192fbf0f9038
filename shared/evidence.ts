import { z } from "zod";
import { AuditChainReportSchema, AuditEntrySchema } from "./audit";
import { OktaUserSummarySchema, PersonaCaseSchema, PersonaInquirySchema } from "./persona";
import { TimelineItemSchema } from "./timeline";
import { VerificationSchema } from "./verification";

/** `GET …/okta/users/{userId}/evidence?since=&until=&format=json|csv` (operator): what to hand to the reviewers. */
export const EvidenceQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  format: z.enum(["json", "csv"]).default("json"),
  credentialId: z.string().max(64).optional(),
});
export type EvidenceQuery = z.infer<typeof EvidenceQuerySchema>;

/**
 * The evidence pack of one Okta user (docs/timeline.md): the timeline, the Okta profile summary, the Persona case
 * and inquiry summaries, the verifications with their comparisons, and every audit entry about the user with its
 * hash-chain link, plus the chain's state when exported. Never a token, code, password or key.
 */
export const EvidencePackSchema = z.object({
  kind: z.literal("persona-okta-companion.evidence"),
  version: z.literal(1),
  orgId: z.string(),
  userId: z.string(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  window: z.object({ since: z.string(), until: z.string() }),
  okta: OktaUserSummarySchema.nullable(),
  persona: z.object({ cases: z.array(PersonaCaseSchema), inquiries: z.array(PersonaInquirySchema) }),
  verifications: z.array(VerificationSchema),
  audit: z.array(AuditEntrySchema),
  auditChain: AuditChainReportSchema,
  timeline: z.array(TimelineItemSchema),
  /** True when the timeline was cut at the pack's limit (narrow the window to see the rest). */
  truncated: z.boolean(),
  errors: z.record(z.string(), z.object({ code: z.string(), message: z.string() })),
});
export type EvidencePack = z.infer<typeof EvidencePackSchema>;
