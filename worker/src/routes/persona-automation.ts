import { Hono } from "hono";
import { AppError } from "../../../shared/errors";
import { CreateRuleSchema, type Rule, type RuleList, WebhookSecretsInputSchema, type WebhookView } from "../../../shared/persona-rules";
import { requireOrgRole } from "../auth/require-role";
import { requireKeyRing } from "../crypto/secret-box";
import { auditChange } from "../http/audit-change";
import { baseUrl, type HonoEnv } from "../http/context";
import { readJson } from "../http/read-json";
import { getRules, putRules, putWebhookSecrets, webhookSecretCount } from "../storage/persona-automation";
import { ruleSummary } from "./change-summaries";
import { loadOrg } from "./load-org";

function webhookView(base: string, orgId: string, secrets: number): WebhookView {
  return { configured: secrets > 0, secrets, webhookUrl: `${base}/${orgId}/webhooks/persona` };
}

/** Webhook secret and automation rules (admin). The secret is sealed and never returned. */
export const personaAutomationRoutes = new Hono<HonoEnv>()
  .get("/api/orgs/:org/persona/webhook", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const count = await webhookSecretCount(c.get("env").CONFIG, settings.id);
    return c.json(webhookView(baseUrl(c), settings.id, count));
  })
  .put("/api/orgs/:org/persona/webhook", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const input = await readJson(c, WebhookSecretsInputSchema);
    const env = c.get("env");
    const before = await webhookSecretCount(env.CONFIG, settings.id);
    await putWebhookSecrets(env.CONFIG, settings.id, input.secrets, requireKeyRing(env.ENCRYPTION_KEYS), c.get("nowMs"));
    // Secrets by how many there are: whoever can read the audit must not learn one.
    const summaries = { before: { secrets: before }, after: { secrets: input.secrets.length } };
    await auditChange(c, { orgId: settings.id, action: "persona_webhook_secrets_set", ...summaries, status: 200, keep: ["secrets"] });
    return c.json(webhookView(baseUrl(c), settings.id, input.secrets.length));
  })
  .get("/api/orgs/:org/persona/rules", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    return c.json({ rules: await getRules(c.get("env").CONFIG, settings.id) } satisfies RuleList);
  })
  .post("/api/orgs/:org/persona/rules", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const input = await readJson(c, CreateRuleSchema);
    const env = c.get("env");
    const rules = await getRules(env.CONFIG, settings.id);
    if (rules.length >= 50) throw new AppError("invalid_request", "at most 50 rules per organization");
    const rule: Rule = { ...input, id: `rule_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`, createdAt: new Date(c.get("nowMs")).toISOString() };
    await putRules(env.CONFIG, settings.id, [...rules, rule]);
    await auditChange(c, { orgId: settings.id, action: "persona_rule_create", before: null, after: ruleSummary(rule), status: 201 });
    return c.json(rule, 201);
  })
  .delete("/api/orgs/:org/persona/rules/:ruleId", async (c) => {
    requireOrgRole(c, c.req.param("org"), "admin");
    const { settings } = await loadOrg(c, c.req.param("org"));
    const env = c.get("env");
    const rules = await getRules(env.CONFIG, settings.id);
    const removed = rules.find((rule) => rule.id === c.req.param("ruleId"));
    if (!removed) throw new AppError("rule_not_found", "no such rule");
    await putRules(
      env.CONFIG,
      settings.id,
      rules.filter((rule) => rule !== removed),
    );
    await auditChange(c, { orgId: settings.id, action: "persona_rule_delete", before: ruleSummary(removed), after: null, status: 204 });
    return c.body(null, 204);
  });
