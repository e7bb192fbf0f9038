import { OktaUserIdSchema } from "../../../shared/okta-proxy";
import type { Rule } from "../../../shared/persona-rules";
import type { AppEnv } from "../env";
import { callOkta } from "../okta/call-okta";
import { ambientFor } from "../okta/open-connection";
import type { EventFacts } from "../persona/webhook-event";
import { orgStore } from "../storage/org-store-client";
import { performAudited } from "./perform-action";

/** The rules an event triggers: same event name and, when the rule names one, the same status (any case). */
export function matchingRules(rules: readonly Rule[], facts: EventFacts): Rule[] {
  return rules.filter(
    (rule) => rule.enabled && rule.event === facts.name && (rule.status === undefined || rule.status.toLowerCase() === (facts.status ?? "").toLowerCase()),
  );
}

/**
 * Applies the matching rules of one verified, first-seen event. Each acts through the same audited path as a
 * person (performAudited: catalog, credential, Okta's errors, audit), as an automation identity naming the rule and
 * the event. An event about no single Okta user, or older than what the rule already applied to that user, is
 * skipped and says why in the organization's log.
 */
export async function applyRules(env: AppEnv, orgId: string, rules: readonly Rule[], facts: EventFacts, nowMs: number): Promise<void> {
  const store = orgStore(env, orgId);
  for (const rule of matchingRules(rules, facts)) {
    const log = (message: string, details: Record<string, unknown> = {}) =>
      store.log({ event: "persona.rule", budget: "authenticated", message, details: { ruleId: rule.id, eventId: facts.eventId, ...details } }, nowMs);
    // Only an Okta user ID: a reference ID such as `victim@example.com` would reach Okta, which resolves logins.
    const target = facts.referenceIds.length === 1 ? OktaUserIdSchema.safeParse(facts.referenceIds[0]) : undefined;
    if (!target?.success) {
      await log(`rule "${rule.name}" skipped: the event is not about exactly one Okta user ID`, { referenceIds: facts.referenceIds });
      continue;
    }
    if (!(await store.claimRuleApplication(rule.id, target.data, facts.createdAtMs))) {
      await log(`rule "${rule.name}" skipped: a newer event was already applied to ${target.data}`);
      continue;
    }
    const ambient = ambientFor(env);
    try {
      await performAudited(
        {
          env,
          orgId,
          actor: { kind: "automation", id: rule.id, label: `rule "${rule.name}" on ${facts.eventId}` },
          role: "admin",
          credentialId: undefined,
          nowMs,
          ambient,
        },
        rule.action,
        target.data,
        async (connection) => {
          const response = await callOkta(connection, rule.action, { params: { userId: target.data } }, ambient);
          return { oktaRequestId: response.requestId };
        },
      );
      await log(`rule "${rule.name}" ran ${rule.action} on ${target.data}`);
    } catch (error) {
      await log(`rule "${rule.name}" could not ${rule.action} ${target.data}: ${error instanceof Error ? error.message : "error"}`);
    }
  }
}
