import type { TargetedSubmitEvent } from "preact";
import { LIFECYCLE_ACTIONS } from "../../shared/okta-actions";
import { CreateRuleSchema, RuleListSchema, RuleSchema, type Rule } from "../../shared/persona-rules";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { formValues, issueText, optional } from "./form-values";
import { Announce, Empty, ErrorNote, Loading, useAction } from "./status";
import { useLoad } from "./use-load";

/** Automation rules (admin): when Persona sends an event (with a status), run an Okta action on the account's user. */
export function RulesSection({ orgId }: { orgId: string }) {
  const { loaded, reload } = useLoad(() => apiCall("GET", orgPath(orgId, "persona", "rules"), RuleListSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();

  const create = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const parsed = CreateRuleSchema.safeParse({
      name: values.name ?? "",
      event: (values.event ?? "").trim(),
      status: optional(values.status),
      action: values.action,
      enabled: values.enabled === "on",
    });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not created: ${issueText(parsed.error)}` });
    void run("create", () => apiCall("POST", orgPath(orgId, "persona", "rules"), RuleSchema, parsed.data), (rule) => {
      form.reset();
      reload();
      return `Rule ${rule.name} created.`;
    });
  };
  const remove = (rule: Rule) =>
    void run(`delete:${rule.id}`, () => apiCall("DELETE", orgPath(orgId, "persona", "rules", rule.id), NoContentSchema), () => {
      reload();
      return `Rule ${rule.name} deleted.`;
    });

  return (
    <section data-section="rules" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Automation rules</h2>
      {loaded.state === "loading" && <Loading what="rules" />}
      {loaded.state === "error" && <ErrorNote error={loaded.error} />}
      {loaded.state === "ready" && loaded.data.rules.length === 0 && <Empty>No automation rules.</Empty>}
      {loaded.state === "ready" && loaded.data.rules.length > 0 && (
        <table data-poc="rules">
          <caption>Automation rules</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Persona event</th>
              <th scope="col">Status</th>
              <th scope="col">Okta action</th>
              <th scope="col">Enabled</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.rules.map((rule) => (
              <tr key={rule.id}>
                <th scope="row">{rule.name}</th>
                <td>{rule.event}</td>
                <td>{rule.status ?? "any"}</td>
                <td>{rule.action}</td>
                <td>{rule.enabled ? "yes" : "no"}</td>
                <td>
                  <button type="button" data-poc="delete-rule" aria-label={`Delete rule ${rule.name}`} onClick={() => remove(rule)} disabled={busy !== null}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={create} noValidate data-poc="create-rule">
        <h3>New rule</h3>
        <div class="field">
          <label for="rule-name">Name</label>
          <input id="rule-name" name="name" required />
        </div>
        <div class="field">
          <label for="rule-event">Persona event</label>
          <input id="rule-event" name="event" placeholder="case.resolved" required />
        </div>
        <div class="field">
          <label for="rule-status">Status (optional)</label>
          <input id="rule-status" name="status" placeholder="Declined" />
        </div>
        <div class="field">
          <label for="rule-action">Okta action</label>
          <select id="rule-action" name="action" defaultValue="suspend">
            {LIFECYCLE_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="rule-enabled" name="enabled" type="checkbox" defaultChecked />
          <label for="rule-enabled">Enabled</label>
        </div>
        <button type="submit" disabled={busy !== null}>
          {busy === "create" ? "Creating…" : "Create rule"}
        </button>
      </form>
      <Announce message={message} />
    </section>
  );
}
