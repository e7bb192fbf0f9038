import { PersonaConnectForm } from "./persona-connect-form";
import { PersonaTestSummary, TestPersonaButton, usePersonaTest } from "./persona-test";
import type { StepStatus } from "./setup-status";
import { dataOf, SetupStep } from "./setup-step";
import { Announce, useAction } from "./status";
import type { SetupData } from "./use-setup-data";

/** 3. Persona: connect with an API key when it is not, then Test (audited, so the state follows). */
export function PersonaStep({ orgId, data, status }: { orgId: string; data: Pick<SetupData, "persona" | "audit">; status: StepStatus | null }) {
  const { persona, audit } = data;
  const { busy, message, setMessage, run } = useAction();
  const { tested, setTested, test } = usePersonaTest(orgId, run, audit.reload);
  const view = dataOf(persona.loaded);
  return (
    <SetupStep
      n={3}
      id="persona"
      title="Persona connection"
      status={status}
      more={{ href: "#persona", label: "Matching, the key and the webhook, in Persona ›" }}
    >
      {view && !view.configured && (
        <PersonaConnectForm
          orgId={orgId}
          idPrefix="setup-persona"
          onConnected={(connected) => {
            persona.replace(connected);
            setTested(null);
            // The form leaves with the connection made: its announcement moves to the step.
            if (connected.configured) setMessage({ tone: "ok", text: `Connected to Persona (${connected.environment}): test it now.` });
          }}
        />
      )}
      {view?.configured && <TestPersonaButton busy={busy} onTest={test} />}
      <Announce message={message} />
      {tested && <PersonaTestSummary result={tested} />}
    </SetupStep>
  );
}
