import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { type OrgResponse, OrgResponseSchema, type RoleMapping, UpdateOrgRequestSchema } from "../../shared/orgs";
import { type Role, RoleSchema } from "../../shared/roles";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { Field, Options } from "./field";
import { issueText } from "./form-values";
import { LoadedView } from "./loaded-view";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

const ROLES = RoleSchema.options;

/** Default role for a first sign-in, and the mapping of one SAML attribute's values to roles (admin). */
export function RolesSection({ orgId }: { orgId: string }) {
  const { loaded, replace } = useLoad(() => apiCall("GET", orgPath(orgId), OrgResponseSchema), [orgId]);
  return (
    <section data-section="roles" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Default role and role mapping</h2>
      <LoadedView loaded={loaded} what="the organization's roles">
        {(org) => <RolesForm key={org.id} org={org} onSaved={replace} />}
      </LoadedView>
    </section>
  );
}

type Rule = RoleMapping["rules"][number];

function RolesForm({ org, onSaved }: { org: OrgResponse; onSaved: (org: OrgResponse) => void }) {
  const [defaultRole, setDefaultRole] = useState<Role>(org.defaultRole);
  const [attribute, setAttribute] = useState(org.roleMapping?.attribute ?? "groups");
  const [rules, setRules] = useState<Rule[]>(org.roleMapping?.rules ?? []);
  const { busy, message, setMessage, run } = useAction();

  const setRule = (index: number, change: Partial<Rule>) => setRules(rules.map((rule, at) => (at === index ? { ...rule, ...change } : rule)));
  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const kept = rules.filter((rule) => rule.value.trim() !== "").map((rule) => ({ ...rule, value: rule.value.trim() }));
    const parsed = UpdateOrgRequestSchema.safeParse({ defaultRole, roleMapping: kept.length > 0 ? { attribute: attribute.trim(), rules: kept } : null });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not saved: ${issueText(parsed.error)}` });
    void run(
      "save",
      () => apiCall("PATCH", orgPath(org.id), OrgResponseSchema, parsed.data),
      (saved) => {
        onSaved(saved);
        return `Saved: default role ${saved.defaultRole}, ${saved.roleMapping?.rules.length ?? 0} mapping rule(s).`;
      },
    );
  };

  return (
    <form onSubmit={save} noValidate>
      <Field id="roles-default" label="Default role at first sign-in">
        <select id="roles-default" name="defaultRole" value={defaultRole} onChange={(event) => setDefaultRole(RoleSchema.parse(event.currentTarget.value))}>
          <Options values={ROLES} />
        </select>
      </Field>
      <fieldset>
        <legend>Role mapping (the highest matching role wins; no rules: mapping off)</legend>
        <Field id="roles-attribute" label="SAML attribute">
          <input id="roles-attribute" name="attribute" value={attribute} onInput={(event) => setAttribute(event.currentTarget.value)} />
        </Field>
        <ul data-poc="mapping-rules">
          {rules.map((rule, index) => (
            <li key={index}>
              <label for={`rule-value-${index}`}>Value</label>
              <input id={`rule-value-${index}`} name="ruleValue" value={rule.value} onInput={(event) => setRule(index, { value: event.currentTarget.value })} />
              <label for={`rule-role-${index}`}>Role</label>
              <select
                id={`rule-role-${index}`}
                name="ruleRole"
                value={rule.role}
                onChange={(event) => setRule(index, { role: RoleSchema.parse(event.currentTarget.value) })}
              >
                <Options values={ROLES} />
              </select>
              <button type="button" onClick={() => setRules(rules.filter((_, at) => at !== index))} aria-label={`Remove rule ${index + 1}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => setRules([...rules, { value: "", role: "viewer" }])}>
          Add a rule
        </button>
      </fieldset>
      <BusyButton type="submit" poc="save-roles" busy={busy} action="save" working="Saving…">
        Save roles
      </BusyButton>
      <Announce message={message} />
    </form>
  );
}
