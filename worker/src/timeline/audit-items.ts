import type { AuditEntry } from "../../../shared/audit";
import type { TimelineItem } from "../../../shared/timeline";

/** What each audited action means to an investigator, in a few words; anything else is named by its action. */
const WORDS: Record<string, string> = {
  verification_start: "started a verification",
  verification_cancel: "cancelled a verification",
  reset_factors: "reset the MFA factors",
  temporary_access_code: "issued a temporary access code",
  clear_sessions: "ended every session",
};

/** This product's audit entries about the user as timeline items: actions, verifications, overrides, rule runs. */
export function auditItems(entries: readonly AuditEntry[]): TimelineItem[] {
  return entries.map((entry) => {
    const what = WORDS[entry.action] ?? entry.action.replaceAll("_", " ");
    const outcome = entry.result === "success" ? "" : ` (${entry.result}${entry.errorCode ? `: ${entry.errorCode}` : ""})`;
    const how =
      entry.recovery?.kind === "override"
        ? `, overriding the verification policy: "${entry.recovery.reason}"`
        : entry.recovery?.kind === "verification" && entry.action !== "verification_start" && entry.action !== "verification_cancel"
          ? `, allowed by ${entry.recovery.verificationId}`
          : "";
    return {
      id: `audit:${entry.id}`,
      source: "audit",
      time: entry.at,
      type: entry.action,
      summary: `${entry.actor.label} ${what}${how}${outcome}`.slice(0, 300),
      outcome: entry.result,
      actor: { type: entry.actor.kind, id: entry.actor.id, displayName: entry.actor.label },
    };
  });
}
