import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { matchingRules } from "../actions/apply-rules";
import { requireKeyRing } from "../crypto/secret-box";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { HonoEnv } from "../http/context";
import { eventFacts, WebhookEventSchema } from "../persona/webhook-event";
import { verifyPersonaSignature } from "../persona/webhook-signature";
import { orgStore } from "../storage/org-store-client";
import { getRules, getWebhookSecrets } from "../storage/persona-automation";
import { loadOrg } from "./load-org";

/** Persona events are a few KB; anything far larger is not one. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * Persona webhooks: signature first (raw bytes, constant time, timestamp tolerance, two secrets during rotation),
 * then the event ID is de-duplicated in the organization's Durable Object, then the delivery is acknowledged at
 * once and the matching rules run after the response (waitUntil), so Persona never times out and retries.
 */
export const personaWebhookRoutes = new Hono<HonoEnv>().post("/:org/webhooks/persona", async (c) => {
  const { settings } = await loadOrg(c, c.req.param("org"));
  const env = c.get("env");
  const nowMs = c.get("nowMs");
  const secrets = await getWebhookSecrets(env.CONFIG, settings.id, requireKeyRing(env.ENCRYPTION_KEYS));
  if (!secrets) throw new AppError("webhook_not_configured", "no Persona webhook secret is configured for this organization");
  if (Number(c.req.header("content-length") ?? "0") > MAX_WEBHOOK_BYTES) throw new AppError("payload_too_large", "webhook body is too large");
  const raw = new TextDecoder().decode(await c.req.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) throw new AppError("payload_too_large", "webhook body is too large");
  verifyPersonaSignature(c.req.header("persona-signature"), raw, secrets, nowMs);

  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError("webhook_payload_invalid", "the webhook body is not JSON");
  }
  const event = WebhookEventSchema.safeParse(json);
  if (!event.success) throw new AppError("webhook_payload_invalid", "the webhook body is not a Persona event");
  const facts = eventFacts(event.data, nowMs);
  const store = orgStore(env, settings.id);
  if (!(await store.recordWebhookEvent(facts.eventId, nowMs))) return c.json({ received: true, duplicate: true });

  const rules = matchingRules(await getRules(env.CONFIG, settings.id), facts);
  // The rules act after the acknowledgement, in the organization's gate, like every Okta action.
  if (rules.length > 0) c.executionCtx.waitUntil(gateOf(env, settings.id).applyRules(settings.id, rules, facts, nowMs).then(unwrap));
  return c.json({ received: true, duplicate: false, rules: rules.map((rule) => rule.id) });
});
