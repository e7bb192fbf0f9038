import { z } from "zod";
import { CredentialViewSchema } from "./credentials";
import { CredentialIdSchema } from "./ids";
import { OktaActionSchema } from "./okta-actions";

/**
 * One probed operation of a credential "Test": whether it is usable and, when not, Okta's own words (an Okta
 * `errorCode` such as E0000006, or an OAuth error such as invalid_scope) and the fix to apply in Okta Admin.
 */
export const CapabilityOperationSchema = z.object({
  action: OktaActionSchema,
  usable: z.boolean(),
  /** `ok`, or why not, in our words. */
  reason: z.string(),
  scope: z.string(),
  permission: z.string(),
  oktaErrorCode: z.string().nullable(),
  oktaErrorSummary: z.string().nullable(),
  remedy: z.string().nullable(),
});
export type CapabilityOperation = z.infer<typeof CapabilityOperationSchema>;

/** What the probes of worker/src/okta/capability-test.ts find, before the route names the credential. */
export const CapabilityFindingsSchema = z.object({
  ok: z.boolean(),
  /** Scopes Okta did not grant (OAuth credentials only; always empty for an API token). */
  missingScopes: z.array(z.string()),
  /** Per scope whether a token for it alone was minted (OAuth credentials only). */
  scopes: z.record(z.string(), z.object({ granted: z.boolean(), error: z.string().nullable() })),
  dpopRequired: z.boolean(),
  operations: z.array(CapabilityOperationSchema),
});
export type CapabilityFindings = z.infer<typeof CapabilityFindingsSchema>;

/** `POST /api/orgs/{org}/credentials/{id}/test` → 200 (worker/src/routes/credential-test.ts). */
export const CapabilityReportSchema = z
  .object({ credentialId: CredentialIdSchema, type: CredentialViewSchema.shape.type })
  .extend(CapabilityFindingsSchema.shape);
export type CapabilityReport = z.infer<typeof CapabilityReportSchema>;
