import type { z } from "zod";
import { AppError } from "../../../shared/errors";
import type { CreateRuleSchema, Rule } from "../../../shared/persona-rules";
import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { getRules, putRules, putWebhookSecrets, webhookSecretCount } from "../storage/persona-automation";
import type { AuditWriter } from "./audit-writer";
import { ruleSummary } from "./change-summaries";

/** How many rules one organization may hold (every webhook reads them all). */
export const MAX_RULES_PER_ORG = 50;

/** The Persona webhook secrets (sealed, never answered) and the automation rules, each change audited. */
export class PersonaAutomation {
  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  secretCount(): Promise<number> {
    return webhookSecretCount(this.env.CONFIG, this.orgId);
  }

  /** Replaces the secret(s) (two during Persona's secret rotation); audited by how many there are, never their value. */
  async setSecrets(secrets: string[]): Promise<void> {
    const before = await this.secretCount();
    await putWebhookSecrets(this.env.CONFIG, this.orgId, secrets, requireKeyRing(this.env.ENCRYPTION_KEYS), this.nowMs);
    const summaries = { before: { secrets: before }, after: { secrets: secrets.length } };
    await this.audit.change({ action: "persona_webhook_secrets_set", ...summaries, status: 200, keep: ["secrets"] });
  }

  rules(): Promise<Rule[]> {
    return getRules(this.env.CONFIG, this.orgId);
  }

  async addRule(input: z.infer<typeof CreateRuleSchema>): Promise<Rule> {
    const rules = await this.rules();
    if (rules.length >= MAX_RULES_PER_ORG) throw new AppError("invalid_request", `at most ${MAX_RULES_PER_ORG} rules per organization`);
    const rule: Rule = { ...input, id: `rule_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`, createdAt: new Date(this.nowMs).toISOString() };
    await putRules(this.env.CONFIG, this.orgId, [...rules, rule]);
    await this.audit.change({ action: "persona_rule_create", before: null, after: ruleSummary(rule), status: 201 });
    return rule;
  }

  async removeRule(ruleId: string): Promise<void> {
    const rules = await this.rules();
    const removed = rules.find((rule) => rule.id === ruleId);
    if (!removed) throw new AppError("rule_not_found", "no such rule");
    await putRules(
      this.env.CONFIG,
      this.orgId,
      rules.filter((rule) => rule !== removed),
    );
    await this.audit.change({ action: "persona_rule_delete", before: ruleSummary(removed), after: null, status: 204 });
  }
}
