import { useEffect, useRef, useState } from "preact/hooks";
import { DataTable } from "./data-table";
import { errorAria } from "./field";

/** The most fields a policy maps (VerificationPolicyInputSchema's `fieldMap` refinement). */
export const MAX_MAPPED_FIELDS = 20;

/** A row as the form holds it when Save is pressed: its id and the two texts, trimmed. */
export type FieldMapEntry = { id: string; field: string; attribute: string };

/** One editable row, in the same shape: its stable id (for keys and errors), and the values it starts with. */
type Row = FieldMapEntry;

/** What the form found wrong with a row, by its id (`data-row`): the Persona field, the Okta attribute, or both. */
export type RowErrors = Record<string, { field?: string; attribute?: string }>;

/**
 * The field map's rows (Persona inquiry field → Okta profile attribute): prefilled with `initial`, rows added and
 * removed, each input labelled and tied to its own error. The inputs are uncontrolled; the form reads them with
 * `readFieldMap` when it submits, so the last keystroke always counts.
 */
export function FieldMapEditor({
  initial,
  errors,
  listError,
  disabled,
}: {
  initial: Readonly<Record<string, string>>;
  errors: RowErrors;
  listError?: string | undefined;
  disabled: boolean;
}) {
  const next = useRef(0);
  const newId = () => `row${next.current++}`;
  const [rows, setRows] = useState<Row[]>(() => Object.entries(initial).map(([field, attribute]) => ({ id: newId(), field, attribute })));
  const addButton = useRef<HTMLButtonElement>(null);
  const table = useRef<HTMLDivElement>(null);
  // Straight to a new row's first input, once it is rendered.
  const [focusRow, setFocusRow] = useState<string | null>(null);
  useEffect(() => {
    if (focusRow === null) return;
    table.current?.querySelector<HTMLInputElement>(`#verification-map-${focusRow}-field`)?.focus();
    setFocusRow(null);
  }, [focusRow]);

  const add = () => {
    const row = { id: newId(), field: "", attribute: "" };
    setRows((current) => [...current, row]);
    setFocusRow(row.id);
  };
  const remove = (id: string) => {
    setRows((current) => current.filter((row) => row.id !== id));
    // The focused button goes with its row; focus stays in the editor rather than falling to the page.
    addButton.current?.focus();
  };
  const full = rows.length >= MAX_MAPPED_FIELDS;

  return (
    <fieldset data-poc="field-map" aria-describedby={listError ? "verification-fieldMap-error" : "verification-fieldMap-hint"}>
      <legend>Field map</legend>
      <p id="verification-fieldMap-hint" class="hint">
        Each Okta attribute prefills its Persona field, and the verified value is compared with it (at most {MAX_MAPPED_FIELDS}). Rows left blank are ignored.
      </p>
      <div ref={table}>
        {rows.length === 0 ? (
          <p data-poc="field-map-empty">No field is mapped: nothing is prefilled or compared.</p>
        ) : (
          <DataTable poc="field-map-rows" caption="Persona field → Okta attribute" columns={["Persona field", "Okta attribute", "Actions"]}>
            {rows.map((row, index) => (
              <FieldMapRow key={row.id} row={row} position={index + 1} errors={errors[row.id] ?? {}} disabled={disabled} onRemove={() => remove(row.id)} />
            ))}
          </DataTable>
        )}
      </div>
      {listError && (
        <span id="verification-fieldMap-error" class="error" data-poc="field-error">
          {listError}
        </span>
      )}
      <button type="button" ref={addButton} data-poc="add-field" onClick={add} disabled={disabled || full}>
        Add a field
      </button>
      {full && <span class="hint"> At most {MAX_MAPPED_FIELDS} fields.</span>}
    </fieldset>
  );
}

function FieldMapRow({
  row,
  position,
  errors,
  disabled,
  onRemove,
}: {
  row: Row;
  position: number;
  errors: RowErrors[string];
  disabled: boolean;
  onRemove: () => void;
}) {
  const fieldId = `verification-map-${row.id}-field`;
  const attributeId = `verification-map-${row.id}-attribute`;
  return (
    <tr data-poc="field-map-row" data-row={row.id}>
      <td>
        <RowInput id={fieldId} name="mapField" label={`Persona field, row ${position}`} value={row.field} placeholder="name-first" error={errors.field} />
      </td>
      <td>
        <RowInput
          id={attributeId}
          name="mapAttribute"
          label={`Okta attribute, row ${position}`}
          value={row.attribute}
          placeholder="firstName"
          error={errors.attribute}
        />
      </td>
      <td>
        <button type="button" data-poc="remove-field" aria-label={`Remove row ${position}`} onClick={onRemove} disabled={disabled}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function RowInput({
  id,
  name,
  label,
  value,
  placeholder,
  error,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  placeholder: string;
  error?: string | undefined;
}) {
  return (
    <>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <input id={id} name={name} defaultValue={value} placeholder={placeholder} autoComplete="off" spellcheck={false} {...errorAria(id, error)} />
      {error && (
        <span id={`${id}-error`} class="error" data-poc="field-error">
          {error}
        </span>
      )}
    </>
  );
}

/** The rows as they are in `form` now, in order, trimmed; rows with both inputs blank are left out. */
export function readFieldMap(form: HTMLFormElement): FieldMapEntry[] {
  const entries: FieldMapEntry[] = [];
  for (const row of form.querySelectorAll<HTMLTableRowElement>('tr[data-poc="field-map-row"]')) {
    const field = row.querySelector<HTMLInputElement>('input[name="mapField"]')?.value.trim() ?? "";
    const attribute = row.querySelector<HTMLInputElement>('input[name="mapAttribute"]')?.value.trim() ?? "";
    if (field !== "" || attribute !== "") entries.push({ id: row.dataset.row ?? "", field, attribute });
  }
  return entries;
}
