import { scimStatus } from "./setup-scim-status";
import { oktaCredentialStatus, personaStatus, rulesStatus, type StepStatus, ssoStatus, unreadable, verificationStatus, webhooksStatus } from "./setup-status";
import { dataOf, statusOf } from "./setup-step";
import type { SetupData } from "./use-setup-data";

export const SETUP_STEPS = ["sso", "okta-credential", "persona", "webhooks", "scim", "verification", "rules"] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];

/** Every step's status from the checklist's reads (null: still reading). */
export function setupStatuses(data: SetupData): Record<SetupStepId, StepStatus | null> {
  const audit = dataOf(data.audit.loaded)?.entries ?? null;
  return {
    sso: statusOf(data.sso.loaded, "the SSO configuration", (view) => ssoStatus(view, dataOf(data.log.loaded)?.entries ?? null)),
    "okta-credential": statusOf(data.credentials.loaded, "the Okta credentials", (list) => oktaCredentialStatus(list.credentials, audit)),
    persona: statusOf(data.persona.loaded, "the Persona connection", (view) => personaStatus(view, audit)),
    webhooks: hooksStatus(data),
    scim: statusOf(data.scim.loaded, "the SCIM tokens", (list) => scimStatus(list.tokens)),
    verification: statusOf(data.policy.loaded, "the verification policy", (policy) => verificationStatus(policy, dataOf(data.persona.loaded))),
    rules: statusOf(data.rules.loaded, "the automation rules", (list) => rulesStatus(list.rules, dataOf(data.personaHook.loaded))),
  };
}

/** Step 4 reads two hooks: either one's failure says so (Persona's first), else null until both have answered. */
function hooksStatus({ personaHook, oktaHook }: SetupData): StepStatus | null {
  if (personaHook.loaded.state === "error") return unreadable("Persona's webhook", personaHook.loaded.error);
  if (oktaHook.loaded.state === "error") return unreadable("Okta's event hook", oktaHook.loaded.error);
  const persona = dataOf(personaHook.loaded);
  const okta = dataOf(oktaHook.loaded);
  return persona && okta ? webhooksStatus(persona, okta) : null;
}

/** "3 of 7 steps done; 1 needs attention", or null while any step is still reading. */
export function progressWords(statuses: Record<SetupStepId, StepStatus | null>): string | null {
  const all = Object.values(statuses);
  if (all.some((status) => status === null)) return null;
  const count = (state: StepStatus["state"]) => all.filter((status) => status?.state === state).length;
  const attention = count("attention");
  return `${count("done")} of ${all.length} steps done${attention > 0 ? `; ${attention} need${attention === 1 ? "s" : ""} attention` : ""}.`;
}
