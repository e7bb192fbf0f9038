import { Hono } from "hono";
import { CreateRuleSchema, type RuleList, WebhookSecretsInputSchema, type WebhookView } from "../../../shared/persona-rules";
import { baseUrl, type HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { orgScope, servicesOf } from "./org-scope";

function webhookView(base: string, orgId: string, secrets: number): WebhookView {
  return { configured: secrets > 0, secrets, webhookUrl: `${base}/${orgId}/webhooks/persona` };
}

const admin = orgScope("admin");

/** Webhook secret and automation rules (admin). The secret is sealed and never returned. */
export const personaAutomationRoutes = new Hono<HonoEnv>()
  .use("/api/orgs/:org/persona/webhook", admin)
  .use("/api/orgs/:org/persona/rules", admin)
  .use("/api/orgs/:org/persona/rules/:ruleId", admin)
  .get("/api/orgs/:org/persona/webhook", async (c) => {
    const { automation, orgId } = servicesOf(c);
    return c.json(webhookView(baseUrl(c), orgId, await automation.secretCount()));
  })
  .put("/api/orgs/:org/persona/webhook", async (c) => {
    const input = await readJson(c, WebhookSecretsInputSchema);
    const { automation, orgId } = servicesOf(c);
    await automation.setSecrets(input.secrets);
    return c.json(webhookView(baseUrl(c), orgId, input.secrets.length));
  })
  .get("/api/orgs/:org/persona/rules", async (c) => c.json({ rules: await servicesOf(c).automation.rules() } satisfies RuleList))
  .post("/api/orgs/:org/persona/rules", async (c) => {
    const input = await readJson(c, CreateRuleSchema);
    return c.json(await servicesOf(c).automation.addRule(input), 201);
  })
  .delete("/api/orgs/:org/persona/rules/:ruleId", async (c) => {
    await servicesOf(c).automation.removeRule(c.req.param("ruleId"));
    return c.body(null, 204);
  });
