import type { TargetedSubmitEvent } from "preact";
import { LIFECYCLE_ACTIONS } from "../../shared/okta-actions";
import { CreateRuleSchema, type Rule, RuleListSchema, RuleSchema } from "../../shared/persona-rules";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { DataTable } from "./data-table";
import { Field, Options } from "./field";
import { formValues, issueText, optional } from "./form-values";
import { LoadedList } from "./loaded-view";
import { Announce, useAction } from "./status";
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
    void run(
      "create",
      () => apiCall("POST", orgPath(orgId, "persona", "rules"), RuleSchema, parsed.data),
      (rule) => {
        form.reset();
        reload();
        return `Rule ${rule.name} created.`;
      },
    );
  };
  const remove = (rule: Rule) =>
    void run(
      `delete:${rule.id}`,
      () => apiCall("DELETE", orgPath(orgId, "persona", "rules", rule.id), NoContentSchema),
      () => {
        reload();
        return `Rule ${rule.name} deleted.`;
      },
    );

  return (
    <section data-section="rules" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Automation rules</h2>
      <LoadedList loaded={loaded} what="rules" items={(data) => data.rules} empty="No automation rules.">
        {(rules) => (
          <DataTable poc="rules" caption="Automation rules" columns={["Name", "Persona event", "Status", "Okta action", "Enabled", "Actions"]}>
            {rules.map((rule) => (
              <tr key={rule.id}>
                <th scope="row">{rule.name}</th>
                <td>{rule.event}</td>
                <td>{rule.status ?? "any"}</td>
                <td>{rule.action}</td>
                <td>{rule.enabled ? "yes" : "no"}</td>
                <td>
                  <BusyButton busy={busy} poc="delete-rule" label={`Delete rule ${rule.name}`} onClick={() => remove(rule)}>
                    Delete
                  </BusyButton>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      <form onSubmit={create} noValidate data-poc="create-rule">
        <h3>New rule</h3>
        <Field id="rule-name" label="Name">
          <input id="rule-name" name="name" required />
        </Field>
        <Field id="rule-event" label="Persona event">
          <input id="rule-event" name="event" placeholder="case.resolved" required />
        </Field>
        <Field id="rule-status" label="Status (optional)">
          <input id="rule-status" name="status" placeholder="Declined" />
        </Field>
        <Field id="rule-action" label="Okta action">
          <select id="rule-action" name="action">
            <Options values={LIFECYCLE_ACTIONS} initial="suspend" />
          </select>
        </Field>
        <div class="field checkbox">
          <input id="rule-enabled" name="enabled" type="checkbox" defaultChecked />
          <label for="rule-enabled">Enabled</label>
        </div>
        <BusyButton type="submit" busy={busy} action="create" working="Creating…">
          Create rule
        </BusyButton>
      </form>
      <Announce message={message} />
    </section>
  );
}
