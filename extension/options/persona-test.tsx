import { useState } from "preact/hooks";
import { type PersonaTestResult, PersonaTestResultSchema } from "../../shared/persona";
import type { Reply } from "../lib/protocol";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import type { useAction } from "./status";

type Run = ReturnType<typeof useAction>["run"];

/** The Test's action name in its section's useAction, shared by the run and its button. */
const TEST_ACTION = "test";

/** `POST …/persona/test`: one read with the stored key; a refusal comes back as a result, not an error. */
function testPersona(orgId: string): Promise<Reply<PersonaTestResult>> {
  return apiCall("POST", orgPath(orgId, "persona", "test"), PersonaTestResultSchema);
}

function testAnnouncement(result: PersonaTestResult): string {
  return result.ok
    ? `Persona accepts the key (${result.environment}).`
    : `Persona refused: ${result.code ?? "error"}${result.title ? ` — ${result.title}` : ""}.`;
}

/**
 * The Persona connection's Test, run with its section's useAction (`run`): the last result to show in a
 * PersonaTestSummary (`setTested(null)` once the connection changes), and the announcement. `afterTest` runs once a
 * result arrives (the checklist reads the audit again: a Test is audited).
 */
export function usePersonaTest(orgId: string, run: Run, afterTest?: () => void) {
  const [tested, setTested] = useState<PersonaTestResult | null>(null);
  const test = () =>
    void run(
      TEST_ACTION,
      () => testPersona(orgId),
      (result) => {
        setTested(result);
        afterTest?.();
        return testAnnouncement(result);
      },
    );
  return { tested, setTested, test };
}

export function TestPersonaButton({ busy, onTest }: { busy: string | null; onTest: () => void }) {
  return (
    <BusyButton busy={busy} poc="test-persona" onClick={onTest} action={TEST_ACTION} working="Testing…">
      Test the connection
    </BusyButton>
  );
}

/** The Test's answer: accepted, or Persona's status and words with the fix. */
export function PersonaTestSummary({ result }: { result: PersonaTestResult }) {
  return (
    <p data-poc="persona-test" class={result.ok ? "" : "error"}>
      {result.ok
        ? `Persona accepts the key (${result.environment}, ${result.baseUrl}).`
        : `Persona refused: ${result.code ?? "error"}${result.personaStatus !== null ? ` (HTTP ${result.personaStatus})` : ""}${result.title ? `: ${result.title}` : ""}.${result.remedy ? ` ${result.remedy}` : ""}`}
    </p>
  );
}
