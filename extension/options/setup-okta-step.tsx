import { useState } from "preact/hooks";
import type { z } from "zod";
import type { CreatedCredentialSchema } from "../../shared/credentials";
import { CapabilityTable } from "./capability-table";
import { CopyField } from "./copy-button";
import { AddApiServiceForm } from "./credential-forms";
import { TestCredentialButton, useCredentialTest } from "./credential-test";
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
  const { report, test } = useCredentialTest(orgId, run, audit.reload);

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
          <TestCredentialButton credential={credential} busy={busy} onTest={test}>
            Test {credential.nickname}
          </TestCredentialButton>
        </div>
      ))}
      <Announce message={message} />
      {report && <CapabilityTable {...report} />}
    </SetupStep>
  );
}
