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
