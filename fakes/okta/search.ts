/**
 * The `search` and `filter` expressions of `GET /api/v1/users` (docs/okta.md §1.5):
 * - search: `eq`, `sw`, `co` (only on profile.firstName|lastName|email|login), `gt`/`ge`/`lt`/`le`, `pr`; `and`, `or`,
 *   parentheses. Property names are case-sensitive, operators and string values are not.
 * - filter: only status, lastUpdated, id, profile.login|email|firstName|lastName with `eq` (lastUpdated also
 *   gt/ge/lt/le); `and`/`or`. Property names and values are case-sensitive, operators are not.
 * `ne` and `not` are unsupported. Anything else is a bad expression: 400 E0000031.
 */
import { E } from "./errors";
import { comparisonsOf, ordered, parseScimFilter, type ScimComparison, type ScimNode, type ScimValue } from "./scim-filter";

export type Mode = "search" | "filter";

const CO_ATTRIBUTES = new Set(["profile.firstName", "profile.lastName", "profile.email", "profile.login"]);
const SEARCH_TOP_LEVEL = new Set(["id", "status", "created", "activated", "statusChanged", "lastUpdated", "type.id"]);
const FILTER_ATTRIBUTES = new Set(["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);
const OPERATORS: Record<Mode, ReadonlySet<string>> = {
  search: new Set(["eq", "sw", "co", "gt", "ge", "lt", "le", "pr"]),
  filter: new Set(["eq", "gt", "ge", "lt", "le"]),
};

/** Parses an expression into a predicate over a user's JSON; throws 400 E0000031 on anything unsupported. */
export function compileUserQuery(expression: string, mode: Mode): (user: Record<string, unknown>) => boolean {
  const tree = parseScimFilter(expression, { operators: OPERATORS[mode], not: false, syntaxError: () => E.invalidSearch() });
  if (!comparisonsOf(tree).every((comparison) => supported(comparison, mode))) throw E.invalidSearch();
  return (user) => evaluate(tree, user, mode);
}

/** filter: `eq` on its few attributes, and orderings on lastUpdated only; search: any profile property, `co` on four. */
function supported({ attribute, op }: ScimComparison, mode: Mode): boolean {
  if (mode === "filter") return FILTER_ATTRIBUTES.has(attribute) && (op === "eq" || attribute === "lastUpdated");
  const known = SEARCH_TOP_LEVEL.has(attribute) || /^profile\.[A-Za-z_][A-Za-z0-9_]*$/.test(attribute);
  return known && (op !== "co" || CO_ATTRIBUTES.has(attribute));
}

function lookup(user: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = user;
  for (const part of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function evaluate(node: ScimNode, user: Record<string, unknown>, mode: Mode): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, user, mode) && evaluate(node.right, user, mode);
    case "or":
      return evaluate(node.left, user, mode) || evaluate(node.right, user, mode);
    case "not": // not in this dialect: the parser never builds one
      return !evaluate(node.inner, user, mode);
    case "pr": {
      const value = lookup(user, node.path);
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    }
    case "cmp": {
      const actual = lookup(user, node.path);
      // Array-valued attributes match when any element does.
      const candidates = Array.isArray(actual) ? actual : [actual];
      return candidates.some((candidate) => compare(candidate, node.op, node.value, mode === "search"));
    }
  }
}

function compare(actual: unknown, op: string, expected: ScimValue, caseInsensitive: boolean): boolean {
  if (expected === null) return op === "eq" && (actual === null || actual === undefined);
  if (actual === null || actual === undefined) return false;
  if (typeof expected === "string") {
    if (typeof actual !== "string") return String(actual) === expected && op === "eq";
    const a = caseInsensitive ? actual.toLowerCase() : actual;
    const b = caseInsensitive ? expected.toLowerCase() : expected;
    switch (op) {
      case "eq":
        return a === b;
      case "sw":
        return a.startsWith(b);
      case "co":
        return a.includes(b);
      default: {
        const da = Date.parse(actual);
        const db = Date.parse(expected);
        return ordered(Number.isNaN(da) || Number.isNaN(db) ? a.localeCompare(b) : Math.sign(da - db), op);
      }
    }
  }
  if (typeof expected === "number" && typeof actual === "number") return op === "eq" ? actual === expected : ordered(Math.sign(actual - expected), op);
  return op === "eq" && actual === expected;
}
