import { useState } from "preact/hooks";
import type { z } from "zod";
import { type CreatedCredentialSchema, CredentialListSchema, type CredentialView } from "../../shared/credentials";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CapabilityTable } from "./capability-table";
import { ConfirmDialog } from "./confirm-dialog";
import { CopyButton } from "./copy-button";
import { AddApiKeyForm, AddApiServiceForm } from "./credential-forms";
import { CredentialKeys } from "./credential-keys";
import { TestCredentialButton, useCredentialTest } from "./credential-test";
import { DataTable } from "./data-table";
import { formatTime } from "./format";
import { LoadedList } from "./loaded-view";
import { OktaSetupSteps } from "./okta-setup";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

type Created = z.infer<typeof CreatedCredentialSchema>;

/**
 * Okta credentials (admin): list, add (API Service app or API token), test what each can do, delete, and rotate an
 * API Service app's signing key.
 */
export function CredentialsSection({ orgId }: { orgId: string }) {
  const { loaded, reload } = useLoad(() => apiCall("GET", orgPath(orgId, "credentials"), CredentialListSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();
  const [created, setCreated] = useState<Created | null>(null);
  const { report, setReport, test } = useCredentialTest(orgId, run);
  const [confirming, setConfirming] = useState<string | null>(null);

  const onCreated = (credential: Created) => {
    setCreated(credential);
    reload();
  };
  const remove = (credential: CredentialView) => {
    setConfirming(null);
    void run(
      `delete:${credential.id}`,
      () => apiCall("DELETE", orgPath(orgId, "credentials", credential.id), NoContentSchema),
      () => {
        if (report?.report.credentialId === credential.id) setReport(null);
        reload();
        return `Deleted ${credential.nickname}.`;
      },
    );
  };

  return (
    <section data-section="credentials" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">Okta credentials</h2>
      <LoadedList loaded={loaded} what="credentials" items={(data) => data.credentials} empty="No Okta credential yet: add one below.">
        {(credentials) => (
          <>
            <DataTable poc="credentials" caption="Okta credentials" columns={["Nickname", "Type", "Okta org", "Client ID / JWKS URL", "Added", "Actions"]}>
              {credentials.map((credential) => (
                <tr key={credential.id} data-credential={credential.id}>
                  <th scope="row">{credential.nickname}</th>
                  <td>{credential.type === "okta_api_service" ? "API Service app" : "API token"}</td>
                  <td>{credential.orgUrl}</td>
                  <td>
                    {credential.clientId ?? "—"}
                    {credential.jwksUrl && (
                      <div>
                        <code>{credential.jwksUrl}</code> <CopyButton value={credential.jwksUrl} label={`JWKS URL of ${credential.nickname}`} />
                      </div>
                    )}
                  </td>
                  <td>{formatTime(credential.createdAt)}</td>
                  <td class="actions">
                    <TestCredentialButton credential={credential} busy={busy} onTest={test}>
                      Test
                    </TestCredentialButton>
                    <BusyButton busy={busy} poc="delete-credential" label={`Delete ${credential.nickname}`} onClick={() => setConfirming(credential.id)}>
                      Delete
                    </BusyButton>
                    {confirming === credential.id && (
                      <ConfirmDialog
                        title={`Delete ${credential.nickname}?`}
                        confirmLabel={`Delete ${credential.nickname} for good`}
                        onConfirm={() => remove(credential)}
                        onCancel={() => setConfirming(null)}
                      >
                        The worker deletes the credential and its keys: the panel's actions that use it stop working, and its JWKS URL answers nothing.
                      </ConfirmDialog>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
            {credentials
              .filter((credential) => credential.type === "okta_api_service" && credential.keys !== undefined)
              .map((credential) => (
                <CredentialKeys
                  key={credential.id}
                  orgId={orgId}
                  credential={credential}
                  busy={busy}
                  run={run}
                  confirming={confirming}
                  setConfirming={setConfirming}
                  reload={reload}
                />
              ))}
          </>
        )}
      </LoadedList>
      <Announce message={message} />
      {report && <CapabilityTable {...report} />}
      {created && <OktaSetupSteps created={created} />}
      <div class="forms">
        <AddApiServiceForm orgId={orgId} busy={busy} run={run} setMessage={setMessage} onCreated={onCreated} />
        <AddApiKeyForm orgId={orgId} busy={busy} run={run} setMessage={setMessage} onCreated={onCreated} />
      </div>
    </section>
  );
}
