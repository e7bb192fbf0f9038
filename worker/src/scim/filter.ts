import { ScimFailure } from "./failure";

/**
 * The `filter` of a list request (RFC 7644 §3.4.2.2), as far as Okta uses it: one `<attribute> eq "<value>"`.
 * Attribute names and the operator match case-insensitively; the value is a JSON string. Anything else (other
 * operators, `and`/`or`, unknown attributes) is refused as `invalidFilter` rather than answered wrongly: an
 * ignored filter would list every user, and Okta would take the first as a match.
 */
const EQ = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;

export function parseFilter<A extends string>(filter: string | undefined, attributes: readonly A[]): { attribute: A; value: string } | null {
  if (filter === undefined || filter.trim() === "") return null;
  const match = EQ.exec(filter);
  if (!match) throw new ScimFailure(400, "invalidFilter", 'only one `<attribute> eq "<value>"` filter is supported');
  const attribute = attributes.find((known) => known.toLowerCase() === match[1]!.toLowerCase());
  if (!attribute) throw new ScimFailure(400, "invalidFilter", `filtering by ${match[1]} is not supported; supported: ${attributes.join(", ")}`);
  let value: unknown;
  try {
    value = JSON.parse(match[2]!);
  } catch {
    throw new ScimFailure(400, "invalidFilter", "the filter's value is not a valid string");
  }
  return { attribute, value: String(value) };
}
