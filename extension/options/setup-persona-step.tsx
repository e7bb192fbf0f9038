import { useState } from "preact/hooks";
import type { PersonaTestResult } from "../../shared/persona";
import { BusyButton } from "./busy-button";
import { PersonaConnectForm } from "./persona-connect-form";
import { PersonaTestSummary, testAnnouncement, testPersona } from "./persona-section";
import type { StepStatus } from "./setup-status";
import { dataOf, SetupStep } from "./setup-step";
import { Announce, useAction } from "./status";
import type { SetupData } from "./use-setup-data";

/** 3. Persona: connect with an API key when it is not, then Test (audited, so the state follows). */
export function PersonaStep({ orgId, data, status }: { orgId: string; data: Pick<SetupData, "persona" | "audit">; status: StepStatus | null }) {
  const { persona, audit } = data;
  const { busy, message, setMessage, run } = useAction();
  const [tested, setTested] = useState<PersonaTestResult | null>(null);
  const test = () =>
    void run(
      "test",
      () => testPersona(orgId),
      (result) => {
        setTested(result);
        audit.reload();
        return testAnnouncement(result);
      },
    );
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
      {view?.configured && (
        <BusyButton busy={busy} poc="test-persona" onClick={test} action="test" working="Testing…">
          Test the connection
        </BusyButton>
      )}
      <Announce message={message} />
      {tested && <PersonaTestSummary result={tested} />}
    </SetupStep>
  );
}
