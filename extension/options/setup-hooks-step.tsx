import { OktaEventHookPanel } from "./okta-event-hook";
import { PersonaWebhookPanel } from "./persona-webhook";
import type { StepStatus } from "./setup-status";
import { SetupStep } from "./setup-step";
import type { SetupData } from "./use-setup-data";

/**
 * 4. The two ways news reaches the worker: Persona's webhook (its secret comes from Persona's dashboard) and Okta's
 * event hook (its secret is generated here and pasted into Okta).
 */
export function WebhooksStep({ orgId, data, status }: { orgId: string; data: Pick<SetupData, "personaHook" | "oktaHook">; status: StepStatus | null }) {
  const { personaHook, oktaHook } = data;
  return (
    <SetupStep n={4} id="webhooks" title="Webhooks" status={status}>
      <h4>Persona's webhook</h4>
      <p class="hint">
        In Persona's dashboard, add a webhook with the URL below (the events your rules and verifications use), then paste the secret Persona shows.
      </p>
      {personaHook.loaded.state === "ready" && (
        <PersonaWebhookPanel orgId={orgId} view={personaHook.loaded.data} onSaved={personaHook.replace} idPrefix="setup-persona-hook" />
      )}
      <h4>Okta's event hook</h4>
      <p class="hint">
        Okta Admin → Workflow → Event Hooks → Create: the URL, the header name and a generated secret, then the event types; Okta verifies the URL once.
      </p>
      {oktaHook.loaded.state === "ready" && <OktaEventHookPanel orgId={orgId} view={oktaHook.loaded.data} onSaved={oktaHook.replace} idPrefix="setup-hook" />}
    </SetupStep>
  );
}
