import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { ApiKeyListSchema, CreateApiKeySchema, CreatedApiKeySchema, type ApiKeyView } from "../../shared/api-keys";
import { RoleSchema } from "../../shared/roles";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { CopyField } from "./copy-button";
import { formatTime } from "./format";
import { formValues, issueText } from "./form-values";
import { Announce, Empty, ErrorNote, Loading, useAction } from "./status";
import { useLoad } from "./use-load";

/**
 * Org API keys for automation (admin). A new key is shown once, in this component's memory only, until dismissed
 * or replaced; the worker keeps only its hash.
 */
export function ApiKeysSection({ orgId }: { orgId: string }) {
  const { loaded, reload } = useLoad(() => apiCall("GET", orgPath(orgId, "api-keys"), ApiKeyListSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();
  const [fresh, setFresh] = useState<{ name: string; key: string } | null>(null);

  const create = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const parsed = CreateApiKeySchema.safeParse({ name: values.name ?? "", role: values.role });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not created: ${issueText(parsed.error)}` });
    setFresh(null);
    void run("create", () => apiCall("POST", orgPath(orgId, "api-keys"), CreatedApiKeySchema, parsed.data), (created) => {
      form.reset();
      setFresh({ name: created.name, key: created.key });
      reload();
      return `API key ${created.name} created: copy it now, it is shown only once.`;
    });
  };
  const revoke = (key: ApiKeyView) =>
    void run(`revoke:${key.id}`, () => apiCall("DELETE", orgPath(orgId, "api-keys", key.id), NoContentSchema), () => {
      reload();
      return `API key ${key.name} revoked.`;
    });

  return (
    <section data-section="api-keys" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">Organization API keys</h2>
      {fresh && (
        <div data-poc="new-api-key" class="panel">
          <CopyField label={`New key ${fresh.name}`} value={fresh.key} poc="api-key-value" />
          <p class="hint">Shown only once: store it in the automation that uses it.</p>
          <button type="button" data-poc="dismiss-key" onClick={() => setFresh(null)}>
            I have stored it
          </button>
        </div>
      )}
      {loaded.state === "loading" && <Loading what="API keys" />}
      {loaded.state === "error" && <ErrorNote error={loaded.error} />}
      {loaded.state === "ready" && loaded.data.apiKeys.length === 0 && <Empty>No API keys.</Empty>}
      {loaded.state === "ready" && loaded.data.apiKeys.length > 0 && (
        <table data-poc="api-keys">
          <caption>API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.apiKeys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>{key.role}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>
                  {formatTime(key.createdAt)} by {key.createdBy}
                </td>
                <td>{formatTime(key.lastUsedAt)}</td>
                <td>
                  {key.revokedAt ? (
                    `revoked ${formatTime(key.revokedAt)}`
                  ) : (
                    <button type="button" data-poc="revoke-key" aria-label={`Revoke API key ${key.name}`} onClick={() => revoke(key)} disabled={busy !== null}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={create} noValidate data-poc="create-api-key">
        <h3>New API key</h3>
        <div class="field">
          <label for="api-key-name">Name</label>
          <input id="api-key-name" name="name" required />
        </div>
        <div class="field">
          <label for="api-key-role">Role</label>
          <select id="api-key-role" name="role" defaultValue="operator">
            {RoleSchema.options.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy !== null}>
          {busy === "create" ? "Creating…" : "Create API key"}
        </button>
      </form>
      <Announce message={message} />
    </section>
  );
}
