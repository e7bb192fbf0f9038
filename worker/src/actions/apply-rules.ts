import { OktaUserIdSchema } from "../../../shared/ids";
import type { Rule } from "../../../shared/persona-rules";
import type { EventFacts } from "../persona/webhook-event";
import type { ActionActor } from "./perform-action";

/** The rules an event triggers: same event name and, when the rule names one, the same status (any case). */
export function matchingRules(rules: readonly Rule[], facts: EventFacts): Rule[] {
  return rules.filter(
    (rule) => rule.enabled && rule.event === facts.name && (rule.status === undefined || rule.status.toLowerCase() === (facts.status ?? "").toLowerCase()),
  );
}

/** What rules need from the organization's gate (worker/src/gate/), which holds all of it. */
export type RulePorts = {
  log(message: string, details: Record<string, unknown>): void;
  /** False when this rule already acted on this user for an event at least as recent. */
  claimRuleApplication(ruleId: string, targetUserId: string, eventAtMs: number): boolean;
  /** The rule's action on the user, through the same audited path as a person's. */
  act(who: ActionActor, rule: Rule, targetUserId: string): Promise<unknown>;
};

/**
 * Applies the matching rules of one verified, first-seen event. Each acts through the same audited path as a
 * person (performAudited: catalog, credential, Okta's errors, audit), as an automation identity naming the rule and
 * the event. An event about no single Okta user ID, or older than what the rule already applied to that user, is
 * skipped and says why in the organization's log.
 */
export async function applyRules(ports: RulePorts, rules: readonly Rule[], facts: EventFacts): Promise<void> {
  for (const rule of matchingRules(rules, facts)) {
    const log = (message: string, details: Record<string, unknown> = {}) => ports.log(message, { ruleId: rule.id, eventId: facts.eventId, ...details });
    // Only an Okta user ID: a reference ID such as `victim@example.com` would reach Okta, which resolves logins.
    const target = facts.referenceIds.length === 1 ? OktaUserIdSchema.safeParse(facts.referenceIds[0]) : undefined;
    if (!target?.success) {
      log(`rule "${rule.name}" skipped: the event is not about exactly one Okta user ID`, { referenceIds: facts.referenceIds });
      continue;
    }
    if (!ports.claimRuleApplication(rule.id, target.data, facts.createdAtMs)) {
      log(`rule "${rule.name}" skipped: a newer event was already applied to ${target.data}`);
      continue;
    }
    const who: ActionActor = {
      actor: { kind: "automation", id: rule.id, label: `rule "${rule.name}" on ${facts.eventId}` },
      role: "admin",
      credentialId: undefined,
    };
    try {
      await ports.act(who, rule, target.data);
      log(`rule "${rule.name}" ran ${rule.action} on ${target.data}`);
    } catch (error) {
      log(`rule "${rule.name}" could not ${rule.action} ${target.data}: ${error instanceof Error ? error.message : "error"}`);
    }
  }
}
