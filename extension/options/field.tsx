import type { ComponentChildren } from "preact";

/**
 * A labelled control in the page's one field layout: the label, the control (`children`, whose id is `id`), and an
 * `error` under both as `#<id>-error`; the control points at it with `errorAria`.
 */
export function Field({ id, label, error, children }: { id: string; label: string; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error && (
        <span id={`${id}-error`} class="error" data-poc="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** What ties a control to its Field's error, so a screen reader reads the error with the field. */
export function errorAria(id: string, error: string | undefined) {
  return { "aria-invalid": error ? ("true" as const) : undefined, "aria-describedby": error ? `${id}-error` : undefined };
}

/** One `<option>` per value, the value as its text (roles, Okta actions, key algorithms). */
export function Options({ values, initial }: { values: readonly string[]; initial?: string }) {
  // `selected` on the option, not `defaultValue` on the select: Preact sets props as DOM properties, and
  // HTMLSelectElement has no `defaultValue`, so that prop was silently ignored (the first option won).
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value} selected={value === initial}>
          {value}
        </option>
      ))}
    </>
  );
}
