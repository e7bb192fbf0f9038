import type { StepStatus } from "./setup-status";
import { SetupStep } from "./setup-step";

/** 5. Provisioning (SCIM, optional): whether Okta pushes users and groups here with a live token. */
export function ScimStep({ n, status }: { n: number; status: StepStatus | null }) {
  return (
    <SetupStep
      n={n}
      id="scim"
      title="Provisioning (SCIM)"
      status={status}
      more={{ href: "#provisioning", label: "Create or revoke SCIM tokens, in Provisioning ›" }}
    />
  );
}
