/**
 * The `filter` of `GET /api/v1/logs`: a SCIM filter expression (RFC 7644 §3.4.2.2) over LogEvent attributes, e.g.
 * `eventType eq "user.session.start" and outcome.result eq "FAILURE"` or `target.id eq "00u…"`. Okta supports every
 * operator but `[ ]` (developer.okta.com/docs/reference/api/system-log/, "Expression filter"): eq, ne, co, sw, ew,
 * gt, ge, lt, le, pr, with `and`, `or`, `not` and parentheses. An attribute inside an array (`target.id`) matches when
 * any element does. Refusals follow that page's examples:
 * - a bad expression: 400 E0000053 "Invalid filter '<expression>': … at position <n>";
 * - an attribute that is not a LogEvent field: 400 E0000053 "field is not valid: <attribute>";
 * - `published` (it would fight since/until/after): 400 E0000053;
 * - `co` on `debugContext.debugData.url` or `…requestUri`: 400 E0000031 "The supplied combination of operator and
 *   field is not currently supported. …".
 * Undocumented, chosen here: string comparisons ignore case (SCIM's default for attributes that are not caseExact),
 * and `ne` matches when no value of the attribute equals the operand (also when the attribute is absent).
 */
import { E } from "./errors";
import { comparisonsOf, ordered, parseScimFilter, type ScimNode, type ScimValue } from "./scim-filter";

/** The top-level properties of the spec's LogEvent: the only attribute roots a filter may name. */
const LOG_EVENT_FIELDS = new Set([
  "actor",
  "authenticationContext",
  "client",
  "debugContext",
  "displayMessage",
  "eventType",
  "legacyEventType",
  "outcome",
  "published",
  "request",
  "securityContext",
  "severity",
  "target",
  "transaction",
  "uuid",
  "version",
]);
const OPERATORS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"]);
const NO_CONTAINS = new Set(["debugContext.debugData.url", "debugContext.debugData.requestUri"]);

export function compileLogFilter(expression: string): (event: unknown) => boolean {
  const invalid = (reason: string, at: number, suffix = "") => E.invalidLogQuery(`Invalid filter '${expression}': ${reason} at position ${at}${suffix}`);
  const tree = parseScimFilter(expression, {
    operators: OPERATORS,
    not: true,
    // Okta's message lists these operators although it accepts ne and ew too.
    syntaxError: ({ code, reason, at }) => invalid(reason, at, code === "unknown-operator" ? ". Expected: eq,co,sw,pr,gt,ge,lt,le" : ""),
  });
  // Like Okta's examples: the syntax is checked first, then the fields and the operator/field combinations.
  for (const { attribute, path, op, at } of comparisonsOf(tree)) {
    const root = path[0]!;
    if (!LOG_EVENT_FIELDS.has(root)) throw E.invalidLogQuery(`field is not valid: ${attribute}`);
    if (root === "published") throw invalid("The published attribute can't be filtered on; use since and until", at);
    if (op === "co" && NO_CONTAINS.has(attribute)) {
      throw E.unsupportedFilter(`The supplied combination of operator and field is not currently supported. Operator: co, Field: ${attribute}`);
    }
  }
  return (event) => evaluate(tree, event);
}

/** Every value at `path`, descending into arrays (so `target.id` yields the id of each target). */
function valuesAt(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const part of path) {
    current = current.flatMap((value) => (Array.isArray(value) ? value : [value]));
    current = current.flatMap((value) => (typeof value === "object" && value !== null && part in value ? [(value as Record<string, unknown>)[part]] : []));
  }
  return current.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

function evaluate(node: ScimNode, event: unknown): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, event) && evaluate(node.right, event);
    case "or":
      return evaluate(node.left, event) || evaluate(node.right, event);
    case "not":
      return !evaluate(node.inner, event);
    case "pr":
      return valuesAt(event, node.path).some((value) => value !== null && value !== undefined);
    case "cmp": {
      const values = valuesAt(event, node.path);
      if (node.op === "ne") return !values.some((value) => compare(value, "eq", node.value));
      return values.some((value) => compare(value, node.op, node.value));
    }
  }
}

function compare(actual: unknown, op: string, expected: ScimValue): boolean {
  if (expected === null) return op === "eq" && actual === null;
  if (actual === null || actual === undefined) return false;
  if (typeof expected === "string") {
    if (typeof actual !== "string" && typeof actual !== "number") return false;
    const a = String(actual).toLowerCase();
    const b = expected.toLowerCase();
    switch (op) {
      case "eq":
        return a === b;
      case "co":
        return a.includes(b);
      case "sw":
        return a.startsWith(b);
      case "ew":
        return a.endsWith(b);
      default:
        return ordered(a.localeCompare(b), op);
    }
  }
  if (typeof expected === "number") return typeof actual === "number" && (op === "eq" ? actual === expected : ordered(Math.sign(actual - expected), op));
  return op === "eq" && actual === expected;
}
