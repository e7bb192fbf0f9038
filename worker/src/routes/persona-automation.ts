import { z } from "zod";
import { OrgIdSchema } from "../../../shared/orgs";
import { CreateRuleSchema, RuleListSchema, RuleSchema, WebhookSecretsInputSchema, type WebhookView, WebhookViewSchema } from "../../../shared/persona-rules";
import { baseUrl } from "../http/context";
import { declare, json, jsonBody, routeGroup, unknownWhenMalformed } from "../http/openapi";
import { orgScope, servicesOf } from "./org-scope";

function webhookView(base: string, orgId: string, secrets: number): WebhookView {
  return { configured: secrets > 0, secrets, webhookUrl: `${base}/${orgId}/webhooks/persona` };
}

const org = z.object({ org: OrgIdSchema });
const rule = org.extend({ ruleId: z.string().min(1).max(100) });
const tags = ["Persona automation"];
const unknown = unknownWhenMalformed({ ruleId: ["rule_not_found", "no such rule"] });

const admin = orgScope("admin");

/** Webhook secret and automation rules (admin). The secret is sealed and never returned. */
export const personaAutomationRoutes = routeGroup()
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/persona/webhook",
      tags,
      request: { params: org },
      responses: { 200: json(WebhookViewSchema, "How many secrets are set (never their value), and the URL to give Persona.") },
    }),
    async (c) => {
      const { personaWebhook, orgId } = servicesOf(c);
      return c.json(webhookView(baseUrl(c), orgId, await personaWebhook.count()), 200);
    },
  )
  .openapi(
    declare({
      method: "put",
      middleware: admin,
      path: "/api/orgs/{org}/persona/webhook",
      tags,
      request: { params: org, body: jsonBody(WebhookSecretsInputSchema) },
      responses: { 200: json(WebhookViewSchema, "The webhook with its new secret(s) (never their value).") },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { personaWebhook, orgId } = servicesOf(c);
      await personaWebhook.set(input.secrets);
      return c.json(webhookView(baseUrl(c), orgId, input.secrets.length), 200);
    },
  )
  .openapi(
    declare({
      method: "get",
      middleware: admin,
      path: "/api/orgs/{org}/persona/rules",
      tags,
      request: { params: org },
      responses: { 200: json(RuleListSchema, "The rules, in creation order.") },
    }),
    async (c) => c.json({ rules: await servicesOf(c).automation.rules() }, 200),
  )
  .openapi(
    declare({
      method: "post",
      middleware: admin,
      path: "/api/orgs/{org}/persona/rules",
      tags,
      request: { params: org, body: jsonBody(CreateRuleSchema) },
      responses: { 201: json(RuleSchema, "The new rule.") },
    }),
    async (c) => c.json(await servicesOf(c).automation.addRule(c.req.valid("json")), 201),
  )
  .openapi(
    declare({
      method: "delete",
      middleware: admin,
      path: "/api/orgs/{org}/persona/rules/{ruleId}",
      tags,
      request: { params: rule },
      responses: { 204: { description: "Deleted; no body." } },
    }),
    async (c) => {
      await servicesOf(c).automation.removeRule(c.req.valid("param").ruleId);
      return c.body(null, 204);
    },
    unknown,
  );
