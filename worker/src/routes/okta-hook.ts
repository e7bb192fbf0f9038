import { z } from "zod";
import { AppError } from "../../../shared/errors";
import { OktaHookDeliverySchema, OktaHookReceiptSchema, OktaHookVerificationSchema } from "../../../shared/okta-event-hook";
import { OrgIdSchema } from "../../../shared/orgs";
import { requireKeyRing } from "../crypto/secret-box";
import { secretsEqual } from "../crypto/secrets-compare";
import { unwrap } from "../gate/answer";
import { gateOf } from "../gate/client";
import type { AppContext } from "../http/context";
import { declare, json, routeGroup } from "../http/openapi";
import { oktaHookSecrets } from "../storage/okta-event-hook";
import { orgOf, publicOrg } from "./org-scope";

/** Okta's batches are at most a few hundred KB. */
const MAX_HOOK_BYTES = 1024 * 1024;
const org = z.object({ org: OrgIdSchema });
const tags = ["Okta event hook"];
const path = "/{org}/hooks/okta";

/**
 * Okta authenticates a hook request only by the header value the admin chose (no signature), so that value is
 * compared, in constant time, with every accepted secret (two during a rotation), each compared whatever the
 * others gave.
 */
async function requireHookSecret(c: AppContext): Promise<void> {
  const { settings } = orgOf(c);
  const env = c.get("env");
  const secrets = await oktaHookSecrets.get(env.CONFIG, settings.id, requireKeyRing(env.ENCRYPTION_KEYS));
  if (!secrets) throw new AppError("webhook_not_configured", "no Okta event hook secret is configured for this organization");
  const presented = c.req.header("authorization") ?? "";
  const matches = secrets.map((secret) => secretsEqual(presented, secret));
  if (!matches.includes(true)) throw new AppError("unauthenticated", "the Authorization header is not this organization's event hook secret");
}

/**
 * Okta's event hook for the organization (docs/okta-event-hook.md): the one-time verification (`GET`) and the
 * deliveries (`POST`), which are acknowledged at once (Okta waits about 3 s) and handled after the answer in the
 * organization's gate.
 */
export const oktaHookRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      path,
      middleware: publicOrg,
      tags,
      request: {
        params: org,
        headers: z.object({ "x-okta-verification-challenge": z.string().max(512).optional(), authorization: z.string().max(1024).optional() }),
      },
      responses: { 200: json(OktaHookVerificationSchema, "Okta's challenge, echoed.") },
    }),
    async (c) => {
      await requireHookSecret(c);
      const challenge = c.req.valid("header")["x-okta-verification-challenge"];
      if (!challenge) throw new AppError("invalid_request", "X-Okta-Verification-Challenge is missing");
      c.header("cache-control", "no-store");
      return c.json({ verification: challenge }, 200);
    },
  )
  .openapi(
    declare({
      method: "post",
      path,
      middleware: publicOrg,
      tags,
      request: {
        params: org,
        headers: z.object({ authorization: z.string().max(1024).optional() }),
        // Documented, not validated here: the secret is checked before the body is read.
        body: { description: "An Okta event hook delivery.", required: true, content: { "application/json": { schema: { type: "object" } } } },
      },
      responses: { 200: json(OktaHookReceiptSchema, "Acknowledged; the events are handled after this answer.") },
    }),
    async (c) => {
      await requireHookSecret(c);
      if (Number(c.req.header("content-length") ?? "0") > MAX_HOOK_BYTES) throw new AppError("payload_too_large", "event hook body is too large");
      const raw = await c.req.text();
      if (raw.length > MAX_HOOK_BYTES) throw new AppError("payload_too_large", "event hook body is too large");
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        throw new AppError("webhook_payload_invalid", "the event hook body is not JSON");
      }
      const delivery = OktaHookDeliverySchema.safeParse(payload);
      if (!delivery.success) throw new AppError("webhook_payload_invalid", "the event hook body is not an Okta event batch");
      const orgId = orgOf(c).settings.id;
      const { events } = delivery.data.data;
      c.executionCtx.waitUntil(gateOf(c.get("env"), orgId).oktaHookEvents(orgId, events, c.get("nowMs")).then(unwrap));
      return c.json({ received: events.length }, 200);
    },
  );
