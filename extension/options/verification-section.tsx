import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import type { z } from "zod";
import type { OktaAction } from "../../shared/okta-actions";
import {
  GATEABLE_ACTIONS,
  PassingStatusSchema,
  type VerificationPolicyInput,
  VerificationPolicyInputSchema,
  type VerificationPolicyView,
  VerificationPolicyViewSchema,
} from "../../shared/verification";
import { apiCall, NoContentSchema, orgPath } from "./api";
import { BusyButton } from "./busy-button";
import { ConfirmDialog } from "./confirm-dialog";
import { errorAria, Field } from "./field";
import { formatTime } from "./format";
import { LoadedView } from "./loaded-view";
import { Announce, type Announcement, useAction } from "./status";
import { useLoad } from "./use-load";
import { FieldMapEditor, type RowErrors, readFieldMap } from "./verification-field-map";

/** What the form starts from when no policy is set: the schema's own defaults (every field but the template has one). */
const DEFAULTS = VerificationPolicyInputSchema.omit({ templateId: true }).parse({});
/** Both durations: 1 minute to 1 day (linkTtlSeconds 60–86 400, validForMinutes 1–1440). */
const MAX_MINUTES = 1440;

type FormErrors = Partial<Record<"templateId" | "passOn" | "linkTtl" | "validFor" | "requiredFor" | "fieldMap", string>>;
/** Issues by control; `other` holds any the form has no control for (announced as the schema words them). */
type Invalid = { fields: FormErrors; rows: RowErrors; other: string[] };

/**
 * Verified recovery (admin): the policy that makes risky recovery actions wait for a Persona verification of the
 * person who asked (docs/verified-recovery.md). Shows it, saves it whole (a PUT replaces the policy), and removes it
 * after a confirmation, from when on no action waits.
 */
export function VerificationSection({ orgId }: { orgId: string }) {
  const { loaded, replace } = useLoad(() => apiCall("GET", orgPath(orgId, "verification"), VerificationPolicyViewSchema), [orgId]);
  const { busy, message, setMessage, run } = useAction();
  const [confirmingRemove, setConfirmingRemove] = useState(false);

  const save = (body: VerificationPolicyInput) =>
    void run(
      "save",
      () => apiCall("PUT", orgPath(orgId, "verification"), VerificationPolicyViewSchema, body),
      (view) => {
        replace(view);
        if (!view.configured) return "The worker answered without a policy.";
        const count = view.requiredFor.length;
        return `Verification policy saved: ${count === 0 ? "no action" : `${count} action${count === 1 ? "" : "s"}`} wait${count === 1 ? "s" : ""} for a verification.`;
      },
    );
  const remove = () => {
    setConfirmingRemove(false);
    void run(
      "remove",
      () => apiCall("DELETE", orgPath(orgId, "verification"), NoContentSchema),
      () => {
        replace({ configured: false });
        return "Verification policy removed: no action waits for a verification.";
      },
    );
  };

  return (
    <section data-section="verification" aria-labelledby="verification-heading">
      <h2 id="verification-heading">Verification</h2>
      <LoadedView loaded={loaded} what="the verification policy">
        {(view) => (
          <>
            <PolicyStatus view={view} />
            <PolicyForm key={view.configured ? view.updatedAt : "none"} view={view} busy={busy} onSave={save} onInvalid={setMessage} />
            {view.configured && (
              <div class="inline">
                <BusyButton busy={busy} poc="remove-verification" onClick={() => setConfirmingRemove(true)} action="remove" working="Removing…">
                  Remove
                </BusyButton>
                {confirmingRemove && (
                  <ConfirmDialog
                    title="Remove the verification policy?"
                    confirmLabel="Remove the policy"
                    onConfirm={remove}
                    onCancel={() => setConfirmingRemove(false)}
                  >
                    From then on no action waits for a verification: the actions it gates run at once again.
                  </ConfirmDialog>
                )}
              </div>
            )}
          </>
        )}
      </LoadedView>
      <Announce message={message} />
    </section>
  );
}

function PolicyStatus({ view }: { view: VerificationPolicyView }) {
  if (!view.configured) return <p data-poc="empty">No verification policy: no action waits for a verification. The form below starts from the defaults.</p>;
  return (
    <p data-poc="verification-status">
      Verification is on: template {view.templateId}; {view.requiredFor.length === 0 ? "no action" : view.requiredFor.join(", ")} wait
      {view.requiredFor.length === 1 ? "s" : ""} for a verification; updated {formatTime(view.updatedAt)}.
    </p>
  );
}

type FormProps = {
  view: VerificationPolicyView;
  busy: string | null;
  onSave: (body: VerificationPolicyInput) => void;
  onInvalid: (message: Announcement) => void;
};

/** The whole policy as one form, started from the stored policy or the defaults; validated before anything is sent. */
function PolicyForm({ view, busy, onSave, onInvalid }: FormProps) {
  const [invalid, setInvalid] = useState<Invalid>({ fields: {}, rows: {}, other: [] });
  const errors = invalid.fields;
  const policy = view.configured ? view : null;
  const passOn: readonly string[] = policy?.passOn ?? DEFAULTS.passOn;
  const requiredFor: readonly OktaAction[] = policy?.requiredFor ?? DEFAULTS.requiredFor;

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Read from the form itself, not from render state: the submit may come before a re-render of the last keystroke.
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    // A record keeps one value per key: a Persona field listed twice would silently lose a row. The first one is
    // validated, every later one marked.
    const entries = readFieldMap(form);
    const unique = entries.filter((entry, index) => entries.findIndex((other) => other.field === entry.field) === index);
    const linkMinutes = minutes(text("linkTtlMinutes"));
    const parsed = VerificationPolicyInputSchema.safeParse({
      templateId: text("templateId"),
      passOn: data.getAll("passOn"),
      // Minutes on the page, seconds on the wire; a fraction of a minute is kept to the second.
      linkTtlSeconds: Number.isFinite(linkMinutes) ? Math.round(linkMinutes * 60) : linkMinutes,
      validForMinutes: minutes(text("validForMinutes")),
      requiredFor: data.getAll("requiredFor"),
      fieldMap: Object.fromEntries(unique.map((entry) => [entry.field, entry.attribute])),
    });
    const found: Invalid = parsed.success ? { fields: {}, rows: {}, other: [] } : issuesToErrors(parsed.error, unique);
    for (const entry of entries) if (!unique.includes(entry)) found.rows[entry.id] = { field: "this Persona field is already mapped above" };
    setInvalid(found);
    if (!parsed.success || Object.keys(found.rows).length > 0)
      return onInvalid({ tone: "error", text: ["Not saved: correct the fields marked above.", ...found.other].join(" ") });
    onSave(parsed.data);
  };

  return (
    <form onSubmit={submit} noValidate data-poc="verification-policy">
      <h3>{policy ? "Change the policy" : "Set a policy"}</h3>
      <Field id="verification-templateId" label="Persona inquiry template ID" error={errors.templateId}>
        <input
          id="verification-templateId"
          name="templateId"
          placeholder="itmpl_…"
          autoComplete="off"
          spellcheck={false}
          defaultValue={policy?.templateId ?? ""}
          {...errorAria("verification-templateId", errors.templateId)}
        />
      </Field>
      <CheckboxGroup
        id="verification-passOn"
        legend="Outcomes that count as verified"
        hint="Use completed for a template without decisioning."
        name="passOn"
        values={PassingStatusSchema.options}
        checked={passOn}
        error={errors.passOn}
      />
      <MinutesField
        id="verification-linkTtl"
        name="linkTtlMinutes"
        label="Link lifetime (minutes)"
        initial={(policy?.linkTtlSeconds ?? DEFAULTS.linkTtlSeconds) / 60}
        error={errors.linkTtl}
      />
      <MinutesField
        id="verification-validFor"
        name="validForMinutes"
        label="A verification allows actions for (minutes)"
        initial={policy?.validForMinutes ?? DEFAULTS.validForMinutes}
        error={errors.validFor}
      />
      <CheckboxGroup
        id="verification-requiredFor"
        legend="Actions that wait for a verification"
        hint="Only the actions that change an Okta user can wait."
        name="requiredFor"
        values={GATEABLE_ACTIONS}
        checked={requiredFor}
        error={errors.requiredFor}
      />
      <FieldMapEditor initial={policy?.fieldMap ?? DEFAULTS.fieldMap} errors={invalid.rows} listError={errors.fieldMap} disabled={busy !== null} />
      <BusyButton type="submit" poc="save-verification" busy={busy} action="save" working="Saving…">
        Save
      </BusyButton>
    </form>
  );
}

/** A duration in minutes, 1 to MAX_MINUTES, in the page's one field layout. */
function MinutesField({ id, name, label, initial, error }: { id: string; name: string; label: string; initial: number; error?: string | undefined }) {
  return (
    <Field id={id} label={label} error={error}>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_MINUTES}
        step={1}
        defaultValue={String(initial)}
        {...errorAria(id, error)}
      />
    </Field>
  );
}

type GroupProps = { id: string; legend: string; hint: string; name: string; values: readonly string[]; checked: readonly string[]; error?: string | undefined };

/** A fieldset of checkboxes sharing `name`, one per value (its label the value), its error under them. */
function CheckboxGroup({ id, legend, hint, name, values, checked, error }: GroupProps) {
  return (
    <fieldset data-poc={id} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>{legend}</legend>
      <p id={`${id}-hint`} class="hint">
        {hint}
      </p>
      {values.map((value) => (
        <div class="field checkbox" key={value}>
          <input
            id={`${id}-${value}`}
            name={name}
            value={value}
            type="checkbox"
            defaultChecked={checked.includes(value)}
            aria-invalid={error ? "true" : undefined}
          />
          <label for={`${id}-${value}`}>{value}</label>
        </div>
      ))}
      {error && (
        <span id={`${id}-error`} class="error" data-poc="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** A number input's text as a number; a blank one is NaN, which the schema refuses. */
function minutes(text: string): number {
  return text === "" ? Number.NaN : Number(text);
}

/**
 * The schema's issues, each on its control: the durations in the page's minutes, a field map issue on its row (a
 * bad key on the Persona field, a bad value on the Okta attribute), the rest with the schema's own message.
 */
function issuesToErrors(error: z.ZodError, entries: { id: string; field: string }[]): Invalid {
  const fields: FormErrors = {};
  const rows: RowErrors = {};
  const other: string[] = [];
  const put = (name: keyof FormErrors, text: string) => {
    fields[name] ??= text;
  };
  for (const issue of error.issues) {
    const [top, key] = issue.path;
    if (top === "templateId") put("templateId", issue.message);
    else if (top === "passOn") put("passOn", issue.code === "too_small" ? "choose at least one outcome" : issue.message);
    else if (top === "linkTtlSeconds") put("linkTtl", `a number of minutes from 1 to ${MAX_MINUTES}`);
    else if (top === "validForMinutes") put("validFor", `a whole number of minutes from 1 to ${MAX_MINUTES}`);
    else if (top === "requiredFor") put("requiredFor", issue.message);
    else if (top === "fieldMap" && typeof key === "string") {
      const row = entries.find((entry) => entry.field === key);
      if (!row) put("fieldMap", issue.message);
      else if (issue.code === "invalid_key") rows[row.id] = { ...rows[row.id], field: issue.issues[0]?.message ?? issue.message };
      else rows[row.id] = { ...rows[row.id], attribute: issue.message };
    } else if (top === "fieldMap") put("fieldMap", issue.message);
    else other.push(issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}.` : `${issue.message}.`);
  }
  return { fields, rows, other };
}
