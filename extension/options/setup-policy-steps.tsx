import type { StepStatus } from "./setup-status";
import { dataOf, SetupStep } from "./setup-step";
import type { SetupData } from "./use-setup-data";

/** 6. The verification policy (optional): whether risky recovery actions wait for a Persona verification. */
export function VerificationStep({ status }: { status: StepStatus | null }) {
  return (
    <SetupStep
      n={6}
      id="verification"
      title="Verification policy"
      status={status}
      more={{ href: "#verification", label: "Set or change the policy, in Verification ›" }}
    />
  );
}

/** 7. Automation rules (optional): what a Persona event does to the Okta user. */
export function RulesStep({ data, status }: { data: Pick<SetupData, "rules">; status: StepStatus | null }) {
  const rules = dataOf(data.rules.loaded)?.rules ?? [];
  return (
    <SetupStep n={7} id="rules" title="Automation rules" status={status} more={{ href: "#rules", label: "Add or delete rules, in Rules ›" }}>
      {rules.length > 0 && (
        <ul data-poc="step-rules">
          {rules.map((rule) => (
            <li key={rule.id}>
              {rule.name}: {rule.event}
              {rule.status ? ` (${rule.status})` : ""} → {rule.action}
              {rule.enabled ? "" : " (disabled)"}
            </li>
          ))}
        </ul>
      )}
    </SetupStep>
  );
}
