import type { z } from "zod";
import { AppError } from "../../../shared/errors";
import type { CreateRuleSchema, Rule } from "../../../shared/persona-rules";
import type { AppEnv } from "../env";
import { getRules, putRules } from "../storage/persona-automation";
import type { AuditWriter } from "./audit-writer";
import { ruleSummary } from "./change-summaries";

/** How many rules one organization may hold (every webhook reads them all). */
export const MAX_RULES_PER_ORG = 50;

/** The automation rules, each change audited (the webhook's secrets are OrgServices.personaWebhook). */
export class PersonaAutomation {
  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

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
