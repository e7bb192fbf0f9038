import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import { type WebhookReceipt, WebhookReceiptSchema } from "../../../shared/persona-rules";
import { matchingRules } from "../actions/apply-rules";
import { requireKeyRing } from "../crypto/secret-box";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import { declare, json, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { eventFacts, WebhookEventSchema } from "../persona/webhook-event";
import { verifyPersonaSignature } from "../persona/webhook-signature";
import { orgStore } from "../storage/org-store-client";
import { getRules, personaWebhookSecrets } from "../storage/persona-automation";
import { loadOrg } from "./load-org";

/** Persona events are a few KB; anything far larger is not one. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

const org = z.object({ org: OrgIdSchema });
const unknown = unknownWhenMalformed({ org: ["org_not_found", "no such organization"] });

/**
 * Persona webhooks: signature first (raw bytes, constant time, timestamp tolerance, two secrets during rotation),
 * then the event ID is de-duplicated in the organization's Durable Object, then the delivery is acknowledged at
 * once and the matching rules run after the response (waitUntil), so Persona never times out and retries.
 */
export const personaWebhookRoutes = routeGroup().openapi(
  declare({
    method: "post",
    path: "/{org}/webhooks/persona",
    tags: ["Persona automation"],
    request: {
      params: org,
      headers: z.object({ "persona-signature": z.string().optional() }),
      // Documented, not validated: the signature is over the raw bytes, so the route reads and checks them itself.
      body: { description: "A Persona event, as Persona sends it (signed).", required: true, content: { "application/json": { schema: { type: "object" } } } },
    },
    responses: { 200: json(WebhookReceiptSchema, "Acknowledged; the matching rules run after this answer.") },
  }),
  async (c) => {
    const { settings } = await loadOrg(c, c.req.valid("param").org);
    const env = c.get("env");
    const nowMs = c.get("nowMs");
    const secrets = await personaWebhookSecrets.get(env.CONFIG, settings.id, requireKeyRing(env.ENCRYPTION_KEYS));
    if (!secrets) throw new AppError("webhook_not_configured", "no Persona webhook secret is configured for this organization");
    if (Number(c.req.header("content-length") ?? "0") > MAX_WEBHOOK_BYTES) throw new AppError("payload_too_large", "webhook body is too large");
    const raw = new TextDecoder().decode(await c.req.arrayBuffer());
    if (raw.length > MAX_WEBHOOK_BYTES) throw new AppError("payload_too_large", "webhook body is too large");
    verifyPersonaSignature(c.req.header("persona-signature"), raw, secrets, nowMs);

    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      throw new AppError("webhook_payload_invalid", "the webhook body is not JSON");
    }
    const event = WebhookEventSchema.safeParse(payload);
    if (!event.success) throw new AppError("webhook_payload_invalid", "the webhook body is not a Persona event");
    const facts = eventFacts(event.data, nowMs);
    const store = orgStore(env, settings.id);
    if (!(await store.recordWebhookEvent(facts.eventId, nowMs))) return c.json({ received: true, duplicate: true } satisfies WebhookReceipt, 200);

    const rules = matchingRules(await getRules(env.CONFIG, settings.id), facts);
    const gate = gateOf(env, settings.id);
    // The rules act after the acknowledgement, in the organization's gate, like every Okta action.
    if (rules.length > 0) c.executionCtx.waitUntil(gate.applyRules(settings.id, rules, facts, nowMs).then(unwrap));
    // An inquiry's event moves its verification on, if one knows it (the gate reads the inquiry back from Persona).
    if (facts.object.type === "inquiry" && facts.name.startsWith("inquiry.")) {
      c.executionCtx.waitUntil(gate.inquiryChanged(settings.id, facts.object.id, facts.name, nowMs).then(unwrap));
    }
    return c.json({ received: true, duplicate: false, rules: rules.map((rule) => rule.id) } satisfies WebhookReceipt, 200);
  },
  unknown,
);
