import { describe, expect, it } from "vitest";
import { EVENT_MARK_RULES, eventMarks, TIMELINE_MARKS, TimelineQuerySchema } from "../../shared/timeline";

describe("the timeline's marking table", () => {
  it.each([
    ["user.mfa.factor.reset_all", "SUCCESS", ["factor_reset"]],
    ["user.mfa.factor.deactivate", "SUCCESS", ["factor_reset"]],
    ["user.account.reset_password", "SUCCESS", ["password_reset"]],
    ["user.account.report_suspicious_activity_by_enduser", "SUCCESS", ["suspicious_activity_report"]],
    ["user.account.privilege.grant", "SUCCESS", ["admin_privilege_grant"]],
    ["group.privilege.grant", "SUCCESS", ["admin_privilege_grant"]],
    ["policy.evaluate_sign_on", "DENY", ["sign_on_denied"]],
    ["policy.evaluate_sign_on", "ALLOW", []],
    ["security.threat.detected", null, ["threat_detected"]],
    ["user.session.start", "SUCCESS", []],
    ["user.lifecycle.suspend", "SUCCESS", []],
  ])("%s (%s) is marked %j", (eventType, outcome, marks) => {
    expect(eventMarks({ eventType, outcome })).toEqual(marks);
  });

  it("every rule names a known mark, says why, and no event type is listed twice", () => {
    const types = EVENT_MARK_RULES.flatMap((rule) => rule.eventTypes.map((type) => `${type}/${rule.outcome ?? "*"}`));
    expect(new Set(types).size).toBe(types.length);
    for (const rule of EVENT_MARK_RULES) {
      expect(TIMELINE_MARKS).toContain(rule.mark);
      expect(rule.why.length).toBeGreaterThan(10);
    }
  });
});

describe("the timeline query", () => {
  it("takes a comma list of known sources and refuses others", () => {
    expect(TimelineQuerySchema.parse({ sources: "okta,audit" }).sources).toEqual(["okta", "audit"]);
    expect(TimelineQuerySchema.safeParse({ sources: "okta,email" }).success).toBe(false);
    expect(TimelineQuerySchema.safeParse({ limit: "101" }).success).toBe(false);
    expect(TimelineQuerySchema.parse({}).limit).toBe(25);
    expect(TimelineQuerySchema.safeParse({ since: "yesterday" }).success).toBe(false);
  });
});
