import { z } from "zod";
import { OKTA_HOOK_EVENT_TYPES, OktaEventHookSecretsSchema, type OktaEventHookView, OktaEventHookViewSchema } from "../../../shared/okta-event-hook";
import { OrgIdSchema } from "../../../shared/orgs";
import { baseUrl } from "../http/context";
import { declare, json, jsonBody, routeGroup } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

const org = z.object({ org: OrgIdSchema });
const tags = ["Okta event hook"];
const admin = orgScope("admin");
const path = "/api/orgs/{org}/okta/event-hook";

function view(base: string, orgId: string, secrets: number): OktaEventHookView {
  return {
    configured: secrets > 0,
    secrets,
    hookUrl: `${base}/${orgId}/hooks/okta`,
    eventTypes: [...OKTA_HOOK_EVENT_TYPES],
    authorizationHeader: "Authorization",
  };
}

/**
 * The Okta event hook's settings (admin; docs/okta-event-hook.md): the secret Okta sends in `Authorization`
 * (sealed, never answered; two during a rotation), the URL and the event types to paste into Okta.
 */
export const oktaEventHookRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path,
      tags,
      request: { params: org },
      responses: { 200: json(OktaEventHookViewSchema, "How many secrets are set (never their value), the hook URL and the event types to subscribe.") },
    }),
    async (c) => {
      const { oktaEventHook, orgId } = servicesOf(c);
      return c.json(view(baseUrl(c), orgId, await oktaEventHook.count()), 200);
    },
  )
  .openapi(
    declare({
      method: "put",
      middleware: admin,
      path,
      tags,
      request: { params: org, body: jsonBody(OktaEventHookSecretsSchema) },
      responses: { 200: json(OktaEventHookViewSchema, "The hook with its new secret(s) (never their value).") },
    }),
    async (c) => {
      const { secrets } = c.req.valid("json");
      const { oktaEventHook, orgId } = servicesOf(c);
      await oktaEventHook.set(secrets);
      return c.json(view(baseUrl(c), orgId, secrets.length), 200);
    },
  );
