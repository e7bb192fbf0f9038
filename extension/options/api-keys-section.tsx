import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { ApiKeyListSchema, type ApiKeyView, CreateApiKeySchema, CreatedApiKeySchema } from "../../shared/api-keys";
import { RoleSchema } from "../../shared/roles";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { CopyField } from "./copy-button";
import { DataTable } from "./data-table";
import { Field, Options } from "./field";
import { formValues, issueText } from "./form-values";
import { formatTime } from "./format";
import { LoadedList } from "./loaded-view";
import { Announce, useAction } from "./status";
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
    void run(
      "create",
      () => apiCall("POST", orgPath(orgId, "api-keys"), CreatedApiKeySchema, parsed.data),
      (created) => {
        form.reset();
        setFresh({ name: created.name, key: created.key });
        reload();
        return `API key ${created.name} created: copy it now, it is shown only once.`;
      },
    );
  };
  const revoke = (key: ApiKeyView) =>
    void run(
      `revoke:${key.id}`,
      () => apiCall("DELETE", orgPath(orgId, "api-keys", key.id), NoContentSchema),
      () => {
        reload();
        return `API key ${key.name} revoked.`;
      },
    );

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
      <LoadedList loaded={loaded} what="API keys" items={(data) => data.apiKeys} empty="No API keys.">
        {(keys) => (
          <DataTable poc="api-keys" caption="API keys" columns={["Name", "Role", "Starts with", "Created", "Last used", "Status"]}>
            {keys.map((key) => (
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
                    <BusyButton busy={busy} poc="revoke-key" label={`Revoke API key ${key.name}`} onClick={() => revoke(key)}>
                      Revoke
                    </BusyButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      <form onSubmit={create} noValidate data-poc="create-api-key">
        <h3>New API key</h3>
        <Field id="api-key-name" label="Name">
          <input id="api-key-name" name="name" required />
        </Field>
        <Field id="api-key-role" label="Role">
          <select id="api-key-role" name="role">
            <Options values={RoleSchema.options} initial="operator" />
          </select>
        </Field>
        <BusyButton type="submit" busy={busy} action="create" working="Creating…">
          Create API key
        </BusyButton>
      </form>
      <Announce message={message} />
    </section>
  );
}
