import type { TimelineMark, TimelineSource } from "../../shared/timeline";

/** The timeline's sources in the filter's words: "this product" is the companion's own audit. */
export const SOURCE_LABEL: Record<TimelineSource, string> = { okta: "Okta", persona: "Persona", audit: "This product" };

/**
 * Each mark in plain words, with its badge tone (the words are always shown: never colour alone). `bad`: what an
 * attacker does or Okta blocked; `warn`: what an attacker needs, and also what the person does themselves.
 */
export const MARK_COPY: Record<TimelineMark, { label: string; tone: "bad" | "warn" | "neutral" }> = {
  new_country: { label: "New country", tone: "warn" },
  new_device: { label: "New device", tone: "warn" },
  new_ip: { label: "New IP address", tone: "warn" },
  factor_reset: { label: "Factors reset", tone: "warn" },
  password_reset: { label: "Password reset", tone: "warn" },
  suspicious_activity_report: { label: "User reported suspicious activity", tone: "bad" },
  admin_privilege_grant: { label: "Admin role granted", tone: "bad" },
  sign_on_denied: { label: "Sign-in denied", tone: "bad" },
  threat_detected: { label: "Threat detected", tone: "bad" },
  outside_this_product: { label: "Done outside this product", tone: "neutral" },
};

/** What a source's failure means for the list; a viewer's missing audit is said quietly (the role, not a fault). */
export const SOURCE_FAILED: Record<TimelineSource, string> = {
  okta: "Okta's System Log could not be read",
  persona: "Persona could not be read",
  audit: "This product's actions could not be read",
};
export const AUDIT_FORBIDDEN = "Your role does not show this product's actions on the user.";

/** The admin console's System Log, searched for every event where the user is the target or the actor. */
export function systemLogUrl(adminConsoleHost: string, userId: string): string {
  return `https://${adminConsoleHost}/report/system_log_2?search=${encodeURIComponent(`target.id eq "${userId}" or actor.id eq "${userId}"`)}`;
}
