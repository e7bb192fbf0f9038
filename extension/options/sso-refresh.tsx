import { useState } from "preact/hooks";
import { type SsoPatch, type SsoView, SsoViewSchema } from "../../shared/sso";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { ConfirmDialog } from "./confirm-dialog";
import { formatTime } from "./format";
import { Announce, useAction } from "./status";

const RESULT_WORDS = {
  unchanged: "unchanged",
  updated: "certificates updated",
  pending: "a change waits for you (below)",
  pinned: "read and compared; pinned, so nothing applied",
  failed: "failed; the configuration was left as it was (see the org log)",
} as const;

/**
 * The IdP metadata refresh (every 6 hours, for metadata imported from a URL): when it last ran and what it did, the
 * pin, and a change of entity ID or sign-on URL it found, which waits until an admin accepts it after seeing old and
 * new side by side, or discards it.
 */
export function SsoRefreshPanel({ orgId, view, onChanged }: { orgId: string; view: SsoView; onChanged: (view: SsoView) => void }) {
  const { busy, message, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  const refresh = view.refresh;
  if (!refresh || !view.configured) return null;
  const patch = (name: string, body: SsoPatch, done: string) =>
    void run(
      name,
      () => apiCall("PATCH", orgPath(orgId, "sso"), SsoViewSchema, body),
      (next) => {
        onChanged(next);
        return done;
      },
    );
  const pending = refresh.pending;
  const oldSsoUrl = view.ssoUrl;
  const newSsoUrl = pending?.ssoUrlRedirect ?? pending?.ssoUrlPost ?? "";
  return (
    <div data-poc="sso-refresh" class="panel">
      <h3>Metadata refresh</h3>
      <dl>
        <dt>Last refresh</dt>
        <dd data-poc="refresh-last">
          {refresh.lastAt
            ? `${formatTime(refresh.lastAt)}: ${refresh.lastResult ? RESULT_WORDS[refresh.lastResult] : "no result"}`
            : view.metadataUrl
              ? "not yet"
              : "never: the metadata was pasted, not fetched from a URL"}
        </dd>
      </dl>
      <label>
        <input
          type="checkbox"
          data-poc="pin-metadata"
          checked={refresh.pinned}
          disabled={busy !== null}
          onChange={(event) => {
            const pinned = event.currentTarget.checked;
            patch(
              "pin",
              { pinned },
              pinned ? "Metadata pinned: refreshes report, but change nothing." : "Metadata unpinned: refreshes apply certificate changes.",
            );
          }}
        />{" "}
        Pin metadata (refreshes still check, but change nothing)
      </label>
      {pending && (
        <div data-poc="pending-change">
          <p class="problem">
            Found {formatTime(pending.detectedAt)}: Okta's metadata names a different IdP or sign-on URL. Nothing changed until you accept it.
          </p>
          <BusyButton busy={busy} poc="accept-pending" onClick={() => setConfirming(true)}>
            Accept
          </BusyButton>{" "}
          <BusyButton busy={busy} poc="discard-pending" onClick={() => patch("discard", { acceptPending: false }, "Pending change discarded.")}>
            Discard
          </BusyButton>
        </div>
      )}
      {pending && confirming && (
        <ConfirmDialog
          title="Accept Okta's new metadata?"
          confirmLabel="Accept"
          onConfirm={() => {
            setConfirming(false);
            patch("accept", { acceptPending: true }, "Change accepted: sign-in now uses the new metadata.");
          }}
          onCancel={() => setConfirming(false)}
        >
          <span data-poc="pending-diff">
            Entity ID: {view.entityId} → {pending.entityId}. Sign-on URL: {oldSsoUrl} → {newSsoUrl}. Signing certificates: {pending.fingerprints.length}{" "}
            (SHA-256 {pending.fingerprints.map((print) => print.slice(0, 11)).join(", ")}…). Accept only if you changed the Okta app yourself.
          </span>
        </ConfirmDialog>
      )}
      <Announce message={message} />
    </div>
  );
}
