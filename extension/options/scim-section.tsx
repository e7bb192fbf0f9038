import { useState } from "preact/hooks";
import { CreatedScimTokenSchema, SCIM_MAX_TOKENS, ScimTokenListSchema, type ScimTokenView } from "../../shared/scim";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { ConfirmDialog } from "./confirm-dialog";
import { CopyField } from "./copy-button";
import { DataTable } from "./data-table";
import { formatTime } from "./format";
import { LoadedList } from "./loaded-view";
import { ScimOktaSettings } from "./scim-okta-settings";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

/**
 * SCIM provisioning (admin): the tokens Okta's provisioning client uses (docs/scim.md). A new token is shown once,
 * in this component's memory only, until dismissed; the worker keeps only its hash. Revoking asks first, since Okta
 * stops provisioning at once if it still uses that token.
 */
export function ScimSection({ orgId }: { orgId: string }) {
  const { loaded, reload } = useLoad(() => apiCall("GET", orgPath(orgId, "scim", "tokens"), ScimTokenListSchema), [orgId]);
  const { busy, message, run } = useAction();
  const [fresh, setFresh] = useState<{ token: string; baseUrl: string } | null>(null);
  const [confirming, setConfirming] = useState<ScimTokenView | null>(null);

  const create = () => {
    setFresh(null);
    void run(
      "create-scim-token",
      () => apiCall("POST", orgPath(orgId, "scim", "tokens"), CreatedScimTokenSchema),
      (created) => {
        setFresh({ token: created.token, baseUrl: created.scimBaseUrl });
        reload();
        return "SCIM token created: copy it now, it is not shown again.";
      },
    );
  };
  const revoke = (token: ScimTokenView) => {
    setConfirming(null);
    void run(
      `revoke-scim:${token.id}`,
      () => apiCall("DELETE", orgPath(orgId, "scim", "tokens", token.id), NoContentSchema),
      () => {
        reload();
        return `SCIM token created ${formatTime(token.createdAt)} revoked: Okta's requests with it are refused from now on.`;
      },
    );
  };

  return (
    <section data-section="provisioning" aria-labelledby="provisioning-heading">
      <h2 id="provisioning-heading">Provisioning (SCIM)</h2>
      <p class="hint">
        Okta creates, updates and deactivates this organization's users here, and pushes the groups that decide roles. A deactivated user's sessions end at
        once.
      </p>
      {fresh && (
        <div data-poc="new-scim-token" class="panel">
          <CopyField label="SCIM connector base URL" value={fresh.baseUrl} poc="scim-base-url" />
          <CopyField label="New SCIM token" value={fresh.token} poc="scim-token-value" />
          <p class="hint">
            <strong>It is not shown again:</strong> paste it into Okta's Provisioning tab now. If it is lost, create another and revoke this one.
          </p>
          <button type="button" data-poc="dismiss-scim-token" onClick={() => setFresh(null)}>
            I have pasted it into Okta
          </button>
        </div>
      )}
      <LoadedList loaded={loaded} what="SCIM tokens" items={(data) => data.tokens} empty="No SCIM tokens: Okta cannot provision users yet.">
        {(tokens) => (
          <DataTable poc="scim-tokens" caption="Live SCIM tokens, newest first" columns={["Created", "Last used", "Revoke"]}>
            {tokens.map((token) => (
              <tr key={token.id} data-token={token.id}>
                <th scope="row">{formatTime(token.createdAt)}</th>
                <td>{token.lastUsedAt ? formatTime(token.lastUsedAt) : "never used"}</td>
                <td>
                  <BusyButton
                    busy={busy}
                    poc="revoke-scim-token"
                    label={`Revoke the SCIM token created ${formatTime(token.createdAt)}`}
                    onClick={() => setConfirming(token)}
                  >
                    Revoke
                  </BusyButton>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      {confirming && (
        <ConfirmDialog
          title="Revoke this SCIM token?"
          confirmLabel="Revoke"
          confirmAria={`Revoke the SCIM token created ${formatTime(confirming.createdAt)}`}
          onConfirm={() => revoke(confirming)}
          onCancel={() => setConfirming(null)}
        >
          The token created {formatTime(confirming.createdAt)} (last used {confirming.lastUsedAt ? formatTime(confirming.lastUsedAt) : "never"}) is refused from
          the next request on. If Okta still uses it, provisioning stops until Okta has a live token.
        </ConfirmDialog>
      )}
      <p>
        <BusyButton busy={busy} action="create-scim-token" poc="create-scim-token" working="Creating…" onClick={create}>
          Create SCIM token
        </BusyButton>
      </p>
      <p class="hint" data-poc="scim-rotation">
        Rotation: create a new token, paste it into Okta's Provisioning tab and save, then revoke the old one here. Up to {SCIM_MAX_TOKENS} tokens may be live
        at once.
      </p>
      <ScimOktaSettings baseUrl={fresh?.baseUrl ?? null} />
      <Announce message={message} />
    </section>
  );
}
