import type { ComponentChildren } from "preact";

/** A captioned table with one header row of column names; the body rows are the caller's. */
export function DataTable({ poc, caption, columns, children }: { poc?: string; caption: string; columns: readonly string[]; children: ComponentChildren }) {
  return (
    <table data-poc={poc}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/**
 * A wide table's horizontal scroll box. Keyboard users must be able to scroll it too, so it takes focus (arrow keys
 * scroll it) and is a named region, which says what the focus landed on.
 */
export function ScrollBox({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled without a mouse (WCAG 2.1.1).
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
