import { z } from "zod";
import { LogEventSchema } from "./okta-log-event";

/**
 * Okta Event Hooks (docs/okta-event-hook.md): Okta tells the worker what happened outside it. Okta authenticates
 * each request with a header whose value the admin chose (no signature), so that value is a shared secret.
 */

/** The event types to subscribe in Okta (Workflow > Event Hooks): lifecycle, lock, MFA, password and sessions. */
export const OKTA_HOOK_EVENT_TYPES = [
  "user.lifecycle.activate",
  "user.lifecycle.deactivate",
  "user.lifecycle.suspend",
  "user.lifecycle.unsuspend",
  "user.lifecycle.reactivate",
  "user.account.lock",
  "user.account.unlock",
  "user.account.unlock_by_admin",
  "user.account.reset_password",
  "user.account.update_password",
  "user.mfa.factor.activate",
  "user.mfa.factor.deactivate",
  "user.mfa.factor.reset_all",
  "user.session.clear",
  "user.account.report_suspicious_activity_by_enduser",
  "group.user_membership.add",
  "group.user_membership.remove",
] as const;

/** `PUT /api/orgs/{org}/okta/event-hook`: the header value(s) Okta sends; two while the admin rotates it. */
export const OktaEventHookSecretsSchema = z.strictObject({ secrets: z.array(z.string().min(24).max(512)).min(1).max(2) });

/** `GET|PUT /api/orgs/{org}/okta/event-hook`: what to paste into Okta; the secrets are never answered. */
export const OktaEventHookViewSchema = z.object({
  configured: z.boolean(),
  /** How many secrets are accepted (two during a rotation). */
  secrets: z.number().int().min(0).max(2),
  hookUrl: z.url(),
  eventTypes: z.array(z.string()),
  /** The header Okta must send the secret in. */
  authorizationHeader: z.literal("Authorization"),
});
export type OktaEventHookView = z.infer<typeof OktaEventHookViewSchema>;

/** A delivery as Okta posts it: a batch of System Log events under `data.events`. */
export const OktaHookDeliverySchema = z
  .object({ eventType: z.string().optional(), data: z.object({ events: z.array(LogEventSchema).min(1).max(100) }).loose() })
  .loose();

/** `POST /{org}/hooks/okta` → 200: acknowledged; the events are handled after the answer. */
export const OktaHookReceiptSchema = z.object({ received: z.number().int() });

/** `GET /{org}/hooks/okta` → 200: Okta's one-time verification, its challenge echoed. */
export const OktaHookVerificationSchema = z.object({ verification: z.string() });
