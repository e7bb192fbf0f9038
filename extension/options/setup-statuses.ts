import { oktaCredentialStatus, personaStatus, rulesStatus, type StepStatus, ssoStatus, unreadable, verificationStatus, webhooksStatus } from "./setup-status";
import { dataOf, statusOf } from "./setup-step";
import type { SetupData } from "./use-setup-data";

export const SETUP_STEPS = ["sso", "okta-credential", "persona", "webhooks", "verification", "rules"] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

/** Every step's status from the checklist's reads (null: still reading). */
export function setupStatuses(data: SetupData): Record<SetupStepId, StepStatus | null> {
  const audit = dataOf(data.audit.loaded)?.entries ?? null;
  const { personaHook, oktaHook } = data;
  return {
    sso: statusOf(data.sso.loaded, "the SSO configuration", (view) => ssoStatus(view, dataOf(data.log.loaded)?.entries ?? null)),
    "okta-credential": statusOf(data.credentials.loaded, "the Okta credentials", (list) => oktaCredentialStatus(list.credentials, audit)),
    persona: statusOf(data.persona.loaded, "the Persona connection", (view) => personaStatus(view, audit)),
    webhooks:
      personaHook.loaded.state === "error"
        ? unreadable("Persona's webhook", personaHook.loaded.error)
        : oktaHook.loaded.state === "error"
          ? unreadable("Okta's event hook", oktaHook.loaded.error)
          : personaHook.loaded.state === "ready" && oktaHook.loaded.state === "ready"
            ? webhooksStatus(personaHook.loaded.data, oktaHook.loaded.data)
            : null,
    verification: statusOf(data.policy.loaded, "the verification policy", (policy) => verificationStatus(policy, dataOf(data.persona.loaded))),
    rules: statusOf(data.rules.loaded, "the automation rules", (list) => rulesStatus(list.rules, dataOf(personaHook.loaded))),
  };
}

/** "3 of 6 steps done; 1 needs attention", or null while any step is still reading. */
export function progressWords(statuses: Record<SetupStepId, StepStatus | null>): string | null {
  const all = Object.values(statuses);
  if (all.some((status) => status === null)) return null;
  const count = (state: StepStatus["state"]) => all.filter((status) => status?.state === state).length;
  const attention = count("attention");
  return `${count("done")} of ${all.length} steps done${attention > 0 ? `; ${attention} need${attention === 1 ? "s" : ""} attention` : ""}.`;
}
