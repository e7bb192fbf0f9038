import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { send } from "../lib/messages";
import { originPermissionPattern } from "../lib/origin-permission";
import type { Reply } from "../lib/protocol";
import { type Settings, SettingsSchema } from "../lib/settings-schema";
import { BusyButton } from "./busy-button";
import { errorAria, Field } from "./field";
import { formValues } from "./form-values";
import { Announce, useAction } from "./status";

type FieldErrors = Partial<Record<"workerUrl" | "orgId", string>>;

/**
 * The worker URL and organization ID. Save validates first (nothing is asked or sent for an invalid value), then
 * asks the browser for the worker's origin — synchronously in the submit handler, since the browser shows its
 * prompt only within the user's gesture — and only then hands the settings to the background.
 */
export function SettingsForm({ initial, onSaved }: { initial: Settings | null; onSaved: (settings: Settings) => void }) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, message, setMessage, run } = useAction();

  const save = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Read from the form itself, not from render state: the submit may come before a re-render of the last keystroke.
    const values = formValues(event.currentTarget);
    const parsed = SettingsSchema.safeParse({ workerUrl: (values.workerUrl ?? "").trim(), orgId: (values.orgId ?? "").trim() });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "workerUrl" || field === "orgId") && found[field] === undefined) found[field] = issue.message;
      }
      setErrors(found);
      setMessage({ tone: "error", text: "Not saved: correct the fields marked above." });
      return;
    }
    setErrors({});
    const settings = parsed.data;
    const origin = settings.workerUrl;
    // No await before this call: it must run inside the gesture.
    const granted = requestOrigin(origin);
    void run(
      "save",
      async (): Promise<Reply<Settings>> => {
        if (!(await granted)) {
          return { ok: false, error: { code: "permission_missing", message: `access to ${origin} was not granted`, status: null, requestId: null } };
        }
        return send("settings.save", settings);
      },
      (saved) => {
        onSaved(saved);
        return `Saved: worker ${saved.workerUrl}, organization ${saved.orgId}.`;
      },
    );
  };

  return (
    <section data-section="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Worker and organization</h2>
      <form onSubmit={save} noValidate>
        <Field id="workerUrl" label="Worker URL" error={errors.workerUrl}>
          <input
            id="workerUrl"
            name="workerUrl"
            type="url"
            inputMode="url"
            autoComplete="url"
            placeholder="https://companion.example.com"
            defaultValue={initial?.workerUrl ?? ""}
            {...errorAria("workerUrl", errors.workerUrl)}
          />
        </Field>
        <Field id="orgId" label="Organization ID" error={errors.orgId}>
          <input
            id="orgId"
            name="orgId"
            type="text"
            autoComplete="off"
            spellcheck={false}
            placeholder="acme"
            defaultValue={initial?.orgId ?? ""}
            {...errorAria("orgId", errors.orgId)}
          />
        </Field>
        <BusyButton type="submit" poc="save-settings" busy={busy} action="save" working="Saving…">
          Save
        </BusyButton>
      </form>
      <Announce message={message} />
    </section>
  );
}

/** The browser's permission prompt for the worker's origin; a browser that throws (no gesture) counts as "no". */
function requestOrigin(origin: string): Promise<boolean> {
  try {
    return browser.permissions.request({ origins: [originPermissionPattern(origin)] }).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}
