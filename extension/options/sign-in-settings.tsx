import type { TargetedSubmitEvent } from "preact";
import { type OrgResponse, OrgResponseSchema, UpdateOrgRequestSchema } from "../../shared/orgs";
import { apiCall, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { Field } from "./field";
import { formValues, issueText } from "./form-values";
import { LoadedView } from "./loaded-view";
import { Announce, useAction } from "./status";
import { useLoad } from "./use-load";

/**
 * The organization's sign-in settings (`PATCH /api/orgs/{org}`): whether the Okta dashboard tile (IdP-initiated
 * sign-in) is allowed, and which SAML attribute carries the user's email.
 */
export function SignInSettingsForm({ orgId }: { orgId: string }) {
  const { loaded, replace } = useLoad(() => apiCall("GET", orgPath(orgId), OrgResponseSchema), [orgId]);
  const action = useAction();
  return (
    <div data-poc="sign-in-settings-part">
      <LoadedView loaded={loaded} what="the sign-in settings">
        {(org) => <SettingsFields key={`${org.allowIdpInitiated}:${org.emailAttribute}`} org={org} onSaved={replace} action={action} />}
      </LoadedView>
      <Announce message={action.message} />
    </div>
  );
}

/** The form, made anew from each saved answer (its defaults are the stored values); the announcement lives above it. */
function SettingsFields({ org, onSaved, action }: { org: OrgResponse; onSaved: (org: OrgResponse) => void; action: ReturnType<typeof useAction> }) {
  const { busy, setMessage, run } = action;
  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const parsed = UpdateOrgRequestSchema.safeParse({
      allowIdpInitiated: values.allowIdpInitiated === "on",
      emailAttribute: (values.emailAttribute ?? "").trim(),
    });
    if (!parsed.success) return setMessage({ tone: "error", text: `Not saved: ${issueText(parsed.error)}` });
    void run(
      "save",
      () => apiCall("PATCH", orgPath(org.id), OrgResponseSchema, parsed.data),
      (saved) => {
        onSaved(saved);
        return `Saved: the Okta tile ${saved.allowIdpInitiated ? "may" : "may not"} sign in; email from the attribute ${saved.emailAttribute}.`;
      },
    );
  };
  return (
    <form onSubmit={save} noValidate data-poc="sign-in-settings" aria-labelledby="sign-in-settings-heading">
      <h3 id="sign-in-settings-heading">Sign-in settings</h3>
      <div class="field checkbox">
        <input id="sso-allowIdpInitiated" name="allowIdpInitiated" type="checkbox" defaultChecked={org.allowIdpInitiated} />
        <label for="sso-allowIdpInitiated">Allow sign-in from the Okta dashboard tile (IdP-initiated)</label>
      </div>
      <Field id="sso-emailAttribute" label="SAML attribute with the email">
        <input id="sso-emailAttribute" name="emailAttribute" spellcheck={false} defaultValue={org.emailAttribute} />
      </Field>
      <BusyButton type="submit" poc="save-sign-in-settings" busy={busy} action="save" working="Saving…">
        Save sign-in settings
      </BusyButton>
    </form>
  );
}
