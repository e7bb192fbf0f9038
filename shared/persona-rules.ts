import { z } from "zod";
import { LifecycleActionSchema } from "./okta-actions";

/**
 * An admin-defined automation: when Persona sends `event` (and the case or inquiry status matches, compared
 * case-insensitively since case statuses are free-form per template), run `action` on the Okta user whose ID is the
 * Persona account's `reference-id` (Persona's own convention). Example: `case.resolved` + status `Declined` → suspend.
 */
export const CreateRuleSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  event: z.string().regex(/^[a-z]+\.[a-z-]+$/, "a Persona event name such as case.resolved"),
  status: z.string().trim().min(1).max(64).optional(),
  action: LifecycleActionSchema,
  enabled: z.boolean().default(true),
});

export const RuleSchema = CreateRuleSchema.extend({ id: z.string(), createdAt: z.iso.datetime() });
export type Rule = z.infer<typeof RuleSchema>;

export const RulesSchema = z.array(RuleSchema).max(50);

/** `GET /api/orgs/{org}/persona/rules` (worker/src/routes/persona-automation.ts), in creation order. */
export const RuleListSchema = z.object({ rules: RulesSchema });
export type RuleList = z.infer<typeof RuleListSchema>;

/** `PUT /api/orgs/{org}/persona/webhook`: the webhook secret(s); two during Persona's secret rotation. */
export const WebhookSecretsInputSchema = z.strictObject({
  secrets: z.array(z.string().min(16).max(256)).min(1).max(2),
});

/**
 * `GET|PUT /api/orgs/{org}/persona/webhook` (worker/src/routes/persona-automation.ts): how many secrets are set,
 * never the secrets themselves, and the URL to give Persona.
 */
export const WebhookViewSchema = z.object({ configured: z.boolean(), secrets: z.number().int().min(0).max(2), webhookUrl: z.url() });
export type WebhookView = z.infer<typeof WebhookViewSchema>;

/**
 * `POST /{org}/webhooks/persona` → 200 (worker/src/routes/persona-webhook.ts): the delivery is acknowledged; an
 * event already received is only acknowledged, a new one names the rules it set off (they run after the answer).
 */
export const WebhookReceiptSchema = z.union([
  z.object({ received: z.literal(true), duplicate: z.literal(true) }),
  z.object({ received: z.literal(true), duplicate: z.literal(false), rules: z.array(z.string()) }),
]);
export type WebhookReceipt = z.infer<typeof WebhookReceiptSchema>;
