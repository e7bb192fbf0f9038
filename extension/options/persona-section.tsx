import { useState } from "preact/hooks";
import { type PersonaView, PersonaViewSchema } from "../../shared/persona";
import { WebhookViewSchema } from "../../shared/persona-rules";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { ConfirmDialog } from "./confirm-dialog";
import { formatTime } from "./format";
import { LoadedView } from "./loaded-view";
import { PersonaConnectForm } from "./persona-connect-form";
import { PersonaMatchingForm } from "./persona-matching";
import { PersonaTestSummary, TestPersonaButton, usePersonaTest } from "./persona-test";
import { PersonaWebhookPanel } from "./persona-webhook";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

/**
 * The Persona connection (admin): status, test, disconnect, how accounts are matched, connect or re-key, and the
 * webhook secret that Persona signs its events with.
 */
export function PersonaSection({ orgId }: { orgId: string }) {
  const connection = useLoad(() => apiCall("GET", orgPath(orgId, "persona"), PersonaViewSchema), [orgId]);
  const webhook = useLoad(() => apiCall("GET", orgPath(orgId, "persona", "webhook"), WebhookViewSchema), [orgId]);
  const { busy, message, run } = useAction();
  const { tested, setTested, test } = usePersonaTest(orgId, run);
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);

  const replace = (view: PersonaView) => {
    connection.replace(view);
    setTested(null);
  };
  // The worker deletes the sealed key (and the cached contexts matched with it); the webhook secret is stored apart
  // and stays, so a reconnect needs no change on Persona's side.
  const disconnect = () => {
    setConfirmingDisconnect(false);
    void run(
      "disconnect",
      () => apiCall("DELETE", orgPath(orgId, "persona"), NoContentSchema),
      () => {
        replace({ configured: false });
        return "Disconnected from Persona: the API key is deleted. The webhook secret stays.";
      },
    );
  };

  return (
    <section data-section="persona" aria-labelledby="persona-heading">
      <h2 id="persona-heading">Persona connection</h2>
      <LoadedView loaded={connection.loaded} what="the Persona connection">
        {(view) => (
          <>
            <PersonaStatus view={view} />
            {view.configured && (
              <div class="inline">
                <TestPersonaButton busy={busy} onTest={test} />
                <BusyButton busy={busy} poc="disconnect-persona" onClick={() => setConfirmingDisconnect(true)} action="disconnect" working="Disconnecting…">
                  Disconnect
                </BusyButton>
              </div>
            )}
            {confirmingDisconnect && (
              <ConfirmDialog
                title="Disconnect Persona?"
                confirmLabel="Disconnect and delete the key"
                onConfirm={disconnect}
                onCancel={() => setConfirmingDisconnect(false)}
              >
                The worker deletes the Persona API key: the panel shows no case until a key is entered again. The webhook secret stays.
              </ConfirmDialog>
            )}
            <Announce message={message} />
            {tested && <PersonaTestSummary result={tested} />}
            {view.configured && <PersonaMatchingForm orgId={orgId} view={view} onSaved={replace} />}
          </>
        )}
      </LoadedView>
      <PersonaConnectForm orgId={orgId} idPrefix="persona" onConnected={replace} />
      <h3>Webhook</h3>
      <LoadedView loaded={webhook.loaded} what="the webhook">
        {(view) => <PersonaWebhookPanel orgId={orgId} view={view} onSaved={webhook.replace} idPrefix="persona" />}
      </LoadedView>
    </section>
  );
}

function PersonaStatus({ view }: { view: PersonaView }) {
  if (!view.configured) return <p data-poc="empty">Persona is not connected.</p>;
  return (
    <p data-poc="persona-status">
      Connected: {view.environment}, {view.baseUrl}; email matching {view.settings.matchByEmail.enabled ? "on" : "off"}; updated {formatTime(view.updatedAt)}.
    </p>
  );
}
