import { type CredentialView, CredentialViewSchema } from "../../shared/credentials";
import type { Reply } from "../lib/protocol";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { ConfirmDialog } from "./confirm-dialog";
import { DataTable } from "./data-table";
import { formatTime } from "./format";

type Key = NonNullable<CredentialView["keys"]>[number];
type Props = {
  orgId: string;
  credential: CredentialView;
  /** The credentials section's useAction: one action at a time across the section, one announcement region. */
  busy: string | null;
  run: <T>(name: string, action: () => Promise<Reply<T>>, onOk: (data: T) => string) => Promise<boolean>;
  /** The section's one open confirmation (a credential ID, or `key:<credential>:<kid>` here), so two never show at once. */
  confirming: string | null;
  setConfirming: (confirming: string | null) => void;
  /** Reads the credentials again: the list's `keys` is what this table shows. */
  reload: () => void;
};

/**
 * Key rotation of an API Service credential: add a `next` key (published in the JWKS, not signing), activate it
 * (the active key becomes `retired` and stays published), roll back to a retired key (the worker allows activating
 * it again: it is still published, so Okta still accepts it), delete a retired key. The worker refuses activation and
 * deletion within its grace period; its code and message are announced as they come. No `force` here on purpose:
 * skipping the grace can fail a token request Okta is still checking against a cached JWKS.
 */
export function CredentialKeys({ orgId, credential, busy, run, confirming, setConfirming, reload }: Props) {
  const keys = credential.keys ?? [];
  const keysPath = (...rest: string[]) => orgPath(orgId, "credentials", credential.id, "keys", ...rest);
  const hasNext = keys.some((key) => key.status === "next");

  const add = () =>
    void run(
      `key-add:${credential.id}`,
      () => apiCall("POST", keysPath(), CredentialViewSchema),
      (updated) => {
        reload();
        const added = updated.keys?.find((key) => key.status === "next");
        return `${credential.nickname}: next key ${added?.kid ?? ""} added and published in the JWKS; it does not sign until activated.`;
      },
    );
  const activate = (key: Key) =>
    void run(
      `key-activate:${credential.id}:${key.kid}`,
      () => apiCall("POST", keysPath(key.kid, "activate"), CredentialViewSchema),
      () => {
        reload();
        const how = key.status === "retired" ? "rolled back to" : "now signs with";
        return `${credential.nickname}: ${how} key ${key.kid}; the previous key is retired and stays published.`;
      },
    );
  const remove = (key: Key) => {
    setConfirming(null);
    void run(
      `key-delete:${credential.id}:${key.kid}`,
      () => apiCall("DELETE", keysPath(key.kid), NoContentSchema),
      () => {
        reload();
        return `${credential.nickname}: retired key ${key.kid} deleted from the JWKS.`;
      },
    );
  };

  return (
    <div class="panel" data-poc="credential-keys" data-credential={credential.id}>
      <h3>Signing keys of {credential.nickname}</h3>
      <p class="hint" data-poc="jwks-hint">
        Okta fetches this credential's JWKS URL, so it picks up a new key without any change in Okta.
      </p>
      <DataTable caption={`Signing keys of ${credential.nickname}`} columns={["Status", "Key ID (kid)", "Algorithm", "Created", "Retired", "Actions"]}>
        {keys.map((key) => {
          const confirmKey = `key:${credential.id}:${key.kid}`;
          return (
            <tr key={key.kid} data-kid={key.kid} data-status={key.status}>
              <td data-poc="key-status">{key.status}</td>
              <th scope="row">
                <code>{key.kid}</code>
              </th>
              <td>{key.alg}</td>
              <td>{formatTime(key.createdAt)}</td>
              <td>{key.retiredAt ? formatTime(key.retiredAt) : "—"}</td>
              <td class="actions">
                {key.status === "active" && "signs assertions"}
                {key.status === "next" && (
                  <BusyButton
                    busy={busy}
                    poc="activate-key"
                    label={`Activate key ${key.kid} of ${credential.nickname}`}
                    onClick={() => activate(key)}
                    action={`key-activate:${credential.id}:${key.kid}`}
                    working="Activating…"
                  >
                    Activate
                  </BusyButton>
                )}
                {key.status === "retired" && (
                  <>
                    <BusyButton
                      busy={busy}
                      poc="rollback-key"
                      label={`Roll back ${credential.nickname} to retired key ${key.kid}`}
                      onClick={() => activate(key)}
                      action={`key-activate:${credential.id}:${key.kid}`}
                      working="Rolling back…"
                    >
                      Roll back to this key
                    </BusyButton>
                    <BusyButton
                      busy={busy}
                      poc="delete-key"
                      label={`Delete retired key ${key.kid} of ${credential.nickname}`}
                      onClick={() => setConfirming(confirmKey)}
                    >
                      Delete
                    </BusyButton>
                    {confirming === confirmKey && (
                      <ConfirmDialog
                        title={`Delete key ${key.kid}?`}
                        confirmLabel="Delete this key for good"
                        confirmAria={`Delete key ${key.kid} of ${credential.nickname} for good`}
                        onConfirm={() => remove(key)}
                        onCancel={() => setConfirming(null)}
                      >
                        The key leaves {credential.nickname}'s JWKS: Okta no longer accepts an assertion it signs, and it cannot be rolled back to.
                      </ConfirmDialog>
                    )}
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <BusyButton busy={busy} poc="add-key" disabled={hasNext} onClick={add} action={`key-add:${credential.id}`} working="Adding…">
        Add next key
      </BusyButton>
      {hasNext && <span class="hint"> A next key is waiting: activate it before adding another.</span>}
    </div>
  );
}
