import { z } from "zod";
import { ApiKeyViewSchema } from "../../shared/api-keys";
import { AuditEntrySchema } from "../../shared/audit";
import { RulesSchema } from "../../shared/persona-rules";
import { SsoSummarySchema } from "../../shared/sso";
import { UserSchema } from "../../shared/users";

/**
 * The envelopes of list answers and the few answers shared/ has no schema for, built from the shared schemas of
 * their items. TODO(shared): the capability report, the SSO view and the webhook view belong in shared/ next to
 * their routes (worker/src/okta/capability-test.ts, routes/sso-config.ts, routes/persona-automation.ts); until then
 * they are read here loosely (objects, not strict) so a field the worker adds does not break the page.
 */

/** `GET /api/orgs/{org}/users`. */
export const UserListSchema = z.object({ users: z.array(UserSchema) });

/** `GET /api/orgs/{org}/api-keys`. */
export const ApiKeyListSchema = z.object({ apiKeys: z.array(ApiKeyViewSchema) });

/** `POST /api/orgs/{org}/api-keys` → 201: the view plus the key itself, answered this once. */
export const CreatedApiKeySchema = ApiKeyViewSchema.extend({ key: z.string() });

/** `GET /api/orgs/{org}/persona/rules`. */
export const RuleListSchema = z.object({ rules: RulesSchema });

/** `GET /api/orgs/{org}/audit`. */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), next: z.number().int().nullable() });

/** `GET|PUT /api/orgs/{org}/sso` (routes/sso-config.ts `ssoView`): the summary when configured, and the SP URLs. */
export const SsoViewSchema = SsoSummarySchema.partial().extend({
  configured: z.boolean(),
  allowIdpInitiated: z.boolean(),
  sp: z.object({ entityId: z.url(), metadataUrl: z.url(), acsUrl: z.url(), loginUrl: z.url() }),
});
export type SsoView = z.infer<typeof SsoViewSchema>;

/** `GET|PUT /api/orgs/{org}/persona/webhook` (routes/persona-automation.ts). */
export const WebhookViewSchema = z.object({ configured: z.boolean(), secrets: z.number().int(), webhookUrl: z.url() });
export type WebhookView = z.infer<typeof WebhookViewSchema>;

/** One operation of `POST /api/orgs/{org}/credentials/{id}/test` (okta/capability-test.ts). */
export const CapabilityOperationSchema = z.object({
  action: z.string(),
  usable: z.boolean(),
  reason: z.string(),
  scope: z.string(),
  permission: z.string(),
  oktaErrorCode: z.string().nullable(),
  oktaErrorSummary: z.string().nullable(),
  remedy: z.string().nullable(),
});
export type CapabilityOperation = z.infer<typeof CapabilityOperationSchema>;

export const CapabilityReportSchema = z.object({
  credentialId: z.string(),
  type: z.enum(["okta_api_service", "okta_api_key"]),
  ok: z.boolean(),
  missingScopes: z.array(z.string()),
  scopes: z.record(z.string(), z.object({ granted: z.boolean(), error: z.string().nullable() })),
  dpopRequired: z.boolean(),
  operations: z.array(CapabilityOperationSchema),
});
export type CapabilityReport = z.infer<typeof CapabilityReportSchema>;

/** DELETE answers: 204, no body. */
export const NoContentSchema = z.unknown();
