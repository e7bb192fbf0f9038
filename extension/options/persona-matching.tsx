import type { TargetedSubmitEvent } from "preact";
import { PatchPersonaSchema, type PersonaView, PersonaViewSchema } from "../../shared/persona";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { Field } from "./field";
import { formValues, issueText, optional } from "./form-values";
import { Announce, useAction } from "./status";

type Connected = Extract<PersonaView, { configured: true }>;

/**
 * How the worker finds a user's Persona account, and whether it tags the case after an action, changed without
 * re-entering the key (`PATCH …/persona`). By default an account matches when its reference ID is the Okta user ID;
 * email matching also searches the named account and case fields (they must be searchable in Persona). Turned on
 * with no field named, the worker searches the account field `email_address`.
 */
export function PersonaMatchingForm({ orgId, view, onSaved }: { orgId: string; view: Connected; onSaved: (view: PersonaView) => void }) {
  const action = useAction();
  return (
    <div data-poc="persona-matching-part">
      <MatchingFields key={view.updatedAt} orgId={orgId} view={view} onSaved={onSaved} action={action} />
      <Announce message={action.message} />
    </div>
  );
}

type FieldsProps = { orgId: string; view: Connected; onSaved: (view: PersonaView) => void; action: ReturnType<typeof useAction> };

/** The form, made anew from each saved answer (the worker may fill in the default field); the announcement lives above it. */
function MatchingFields({ orgId, view, onSaved, action }: FieldsProps) {
  const { busy, setMessage, run } = action;
  const { matchByEmail, tagCasesAfterActions } = view.settings;

  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const accountField = optional(values.accountField);
    const caseField = optional(values.caseField);
    const parsed = PatchPersonaSchema.safeParse({
      matchByEmail: { enabled: values.enabled === "on", ...(accountField ? { accountField } : {}), ...(caseField ? { caseField } : {}) },
      tagCasesAfterActions: values.tagCases === "on",
    });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not saved: ${issueText(parsed.error)}` });
    void run(
      "matching",
      () => apiCall("PATCH", orgPath(orgId, "persona"), PersonaViewSchema, parsed.data),
      (saved) => {
        onSaved(saved);
        if (!saved.configured) return "Saved.";
        const email = saved.settings.matchByEmail;
        const fields = [email.accountField && `account field ${email.accountField}`, email.caseField && `case field ${email.caseField}`]
          .filter(Boolean)
          .join(", ");
        return `Saved: email matching ${email.enabled ? `on (${fields})` : "off"}; case tagging ${saved.settings.tagCasesAfterActions ? "on" : "off"}.`;
      },
    );
  };

  return (
    <form onSubmit={save} noValidate data-poc="persona-matching" aria-labelledby="persona-matching-heading">
      <h3 id="persona-matching-heading">Matching and case tags</h3>
      <p class="hint">An account always matches when its reference ID is the Okta user ID. Email matching also finds accounts made without one.</p>
      <div class="field checkbox">
        <input id="matching-enabled" name="enabled" type="checkbox" defaultChecked={matchByEmail.enabled} />
        <label for="matching-enabled">Also match by email</label>
      </div>
      <Field id="matching-accountField" label="Account field holding the email">
        <input id="matching-accountField" name="accountField" placeholder="email_address" spellcheck={false} defaultValue={matchByEmail.accountField ?? ""} />
      </Field>
      <Field id="matching-caseField" label="Case field holding the email (optional)">
        <input id="matching-caseField" name="caseField" placeholder="email" spellcheck={false} defaultValue={matchByEmail.caseField ?? ""} />
      </Field>
      <div class="field checkbox">
        <input id="matching-tagCases" name="tagCases" type="checkbox" defaultChecked={tagCasesAfterActions} />
        <label for="matching-tagCases">Tag the user's open case after an action (okta:suspended, …)</label>
      </div>
      <BusyButton type="submit" poc="save-matching" busy={busy} action="matching" working="Saving…">
        Save matching
      </BusyButton>
    </form>
  );
}
