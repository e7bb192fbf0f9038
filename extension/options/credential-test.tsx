import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { type CapabilityReport, CapabilityReportSchema } from "../../shared/capability";
import type { CredentialView } from "../../shared/credentials";
import type { Reply } from "../lib/protocol";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import type { useAction } from "./status";

type Run = ReturnType<typeof useAction>["run"];
export type TestedCredential = { report: CapabilityReport; nickname: string };

/** `POST …/credentials/{id}/test`: the worker probes each operation with the credential (seconds: one Okta call each). */
function testCredential(orgId: string, credentialId: string): Promise<Reply<CapabilityReport>> {
  return apiCall("POST", orgPath(orgId, "credentials", credentialId, "test"), CapabilityReportSchema);
}

/** The action name of a credential's Test in its section's useAction, shared by the run and its button. */
const testAction = (credential: CredentialView) => `test:${credential.id}`;

/**
 * A credential's Test, run with its section's useAction (`run`): the report of the last Test to show in a
 * CapabilityTable, and the announcement. `afterTest` runs once a report arrives (the checklist reads the audit again:
 * a Test is audited).
 */
export function useCredentialTest(orgId: string, run: Run, afterTest?: () => void) {
  const [report, setReport] = useState<TestedCredential | null>(null);
  const test = (credential: CredentialView) => {
    setReport(null);
    void run(
      testAction(credential),
      () => testCredential(orgId, credential.id),
      (result) => {
        setReport({ report: result, nickname: credential.nickname });
        afterTest?.();
        return result.ok ? `${credential.nickname}: every operation is usable.` : `${credential.nickname}: some operations are not usable; see the table.`;
      },
    );
  };
  return { report, setReport, test };
}

/** The Test button of one credential: named for it, and "Testing…" while its own Test runs. */
export function TestCredentialButton({
  credential,
  busy,
  onTest,
  children,
}: {
  credential: CredentialView;
  busy: string | null;
  onTest: (credential: CredentialView) => void;
  children: ComponentChildren;
}) {
  return (
    <BusyButton
      busy={busy}
      poc="test-credential"
      label={`Test ${credential.nickname}`}
      onClick={() => onTest(credential)}
      action={testAction(credential)}
      working="Testing…"
    >
      {children}
    </BusyButton>
  );
}
