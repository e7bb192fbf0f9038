import { useState } from "preact/hooks";
import type { z } from "zod";
import type { CapabilityReport } from "../../shared/capability";
import type { CreatedCredentialSchema, CredentialView } from "../../shared/credentials";
import { BusyButton } from "./busy-button";
import { CapabilityTable } from "./capability-table";
import { CopyField } from "./copy-button";
import { AddApiServiceForm } from "./credential-forms";
import { testCredential } from "./credentials-section";
import { OktaSetupSteps } from "./okta-setup";
import type { StepStatus } from "./setup-status";
import { SetupStep } from "./setup-step";
import { Announce, useAction } from "./status";
import type { SetupData } from "./use-setup-data";

type Created = z.infer<typeof CreatedCredentialSchema>;

/**
 * 2. The Okta credential the worker acts with: added here when there is none (the worker makes the key pair), its
 * JWKS URL to paste into the Okta API Services app, then Test, whose capability report says per operation what to
 * grant. A Test is audited, so the step's state follows it.
 */
export function OktaCredentialStep({ orgId, data, status }: { orgId: string; data: Pick<SetupData, "credentials" | "audit">; status: StepStatus | null }) {
  const { credentials, audit } = data;
  const { busy, message, setMessage, run } = useAction();
  const [created, setCreated] = useState<Created | null>(null);
  const [report, setReport] = useState<{ report: CapabilityReport; nickname: string } | null>(null);

  const test = (credential: CredentialView) => {
    setReport(null);
    void run(
      `test:${credential.id}`,
      () => testCredential(orgId, credential.id),
      (result) => {
        setReport({ report: result, nickname: credential.nickname });
        audit.reload();
        return result.ok ? `${credential.nickname}: every operation is usable.` : `${credential.nickname}: some operations are not usable; see the table.`;
      },
    );
  };

  const list = credentials.loaded.state === "ready" ? credentials.loaded.data.credentials : null;
  return (
    <SetupStep
      n={2}
      id="okta-credential"
      title="Okta credential for account actions"
      status={status}
      more={{ href: "#okta", label: "Credentials and signing keys, in Okta ›" }}
    >
      {list !== null && list.length === 0 && (
        <AddApiServiceForm
          orgId={orgId}
          busy={busy}
          run={run}
          setMessage={setMessage}
          onCreated={(credential) => {
            setCreated(credential);
            credentials.reload();
          }}
        />
      )}
      {created && <OktaSetupSteps created={created} />}
      {list?.map((credential) => (
        <div class="credential-line" key={credential.id} data-credential={credential.id}>
          {credential.jwksUrl ? (
            <CopyField label={`JWKS URL of ${credential.nickname} (Okta: Public key / Private key → Use a URL)`} value={credential.jwksUrl} poc="jwks-url" />
          ) : (
            <p>{credential.nickname}: API token (no JWKS URL).</p>
          )}
          <BusyButton
            busy={busy}
            poc="test-credential"
            label={`Test ${credential.nickname}`}
            onClick={() => test(credential)}
            action={`test:${credential.id}`}
            working="Testing…"
          >
            Test {credential.nickname}
          </BusyButton>
        </div>
      ))}
      <Announce message={message} />
      {report && <CapabilityTable report={report.report} nickname={report.nickname} />}
    </SetupStep>
  );
}
