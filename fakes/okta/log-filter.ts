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

type Value = string | number | boolean | null;
type Node =
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; inner: Node }
  | { kind: "cmp"; path: string[]; op: string; value: Value }
  | { kind: "pr"; path: string[] };

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

type Token = { at: number } & (
  | { type: "word"; text: string }
  | { type: "string"; text: string }
  | { type: "number"; value: number }
  | { type: "paren"; text: string }
);

export function compileLogFilter(expression: string): (event: unknown) => boolean {
  const fail = (reason: string, at: number, suffix = "") => E.invalidLogQuery(`Invalid filter '${expression}': ${reason} at position ${at}${suffix}`);
  const tokens = tokenize(expression, fail);
  let pos = 0;
  const end = expression.length;
  const used: { attribute: string; op: string; at: number }[] = [];
  const word = (): string | undefined => {
    const token = tokens[pos];
    return token?.type === "word" ? token.text.toLowerCase() : undefined;
  };

  const parseOr = (): Node => {
    let left = parseAnd();
    while (word() === "or") {
      pos++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseFactor();
    while (word() === "and") {
      pos++;
      left = { kind: "and", left, right: parseFactor() };
    }
    return left;
  };
  const parseGroup = (): Node => {
    const inner = parseOr();
    const close = tokens[pos++];
    if (close?.type !== "paren" || close.text !== ")") throw fail("Expected ')'", close?.at ?? end);
    return inner;
  };
  const parseFactor = (): Node => {
    const token = tokens[pos++];
    if (token === undefined) throw fail("Expected an attribute", end);
    if (token.type === "paren" && token.text === "(") return parseGroup();
    if (token.type === "word" && token.text.toLowerCase() === "not") {
      const open = tokens[pos++];
      if (open?.type !== "paren" || open.text !== "(") throw fail("Expected '(' after not", open?.at ?? end);
      return { kind: "not", inner: parseGroup() };
    }
    if (token.type !== "word") throw fail("Expected an attribute", token.at);
    const attribute = token.text;
    const path = attribute.split(".");
    if (path.some((part) => part === "")) throw fail(`Invalid attribute '${attribute}'`, token.at);
    const opToken = tokens[pos++];
    const op = opToken?.type === "word" ? opToken.text.toLowerCase() : undefined;
    if (op === undefined || !OPERATORS.has(op)) {
      const shown = opToken === undefined ? "" : opToken.type === "number" ? String(opToken.value) : opToken.text;
      // Okta's message lists these operators although it accepts ne and ew too.
      throw fail(`Unrecognized attribute operator '${shown}'`, opToken?.at ?? end, ". Expected: eq,co,sw,pr,gt,ge,lt,le");
    }
    used.push({ attribute, op, at: token.at });
    if (op === "pr") return { kind: "pr", path };
    const valueToken = tokens[pos++];
    let value: Value;
    if (valueToken?.type === "string") value = valueToken.text;
    else if (valueToken?.type === "number") value = valueToken.value;
    else if (valueToken?.type === "word" && /^(true|false|null)$/i.test(valueToken.text)) {
      const literal = valueToken.text.toLowerCase();
      value = literal === "null" ? null : literal === "true";
    } else throw fail("Expected a value", valueToken?.at ?? end);
    if (["co", "sw", "ew"].includes(op) && typeof value !== "string") throw fail(`Operator '${op}' needs a string value`, valueToken.at);
    return { kind: "cmp", path, op, value };
  };

  const tree = parseOr();
  if (pos !== tokens.length) throw fail("Unexpected input", tokens[pos]!.at);
  // Like Okta's examples: the syntax is checked first, then the fields and the operator/field combinations.
  for (const { attribute, op, at } of used) {
    const root = attribute.split(".")[0]!;
    if (!LOG_EVENT_FIELDS.has(root)) throw E.invalidLogQuery(`field is not valid: ${attribute}`);
    if (root === "published") throw fail("The published attribute can't be filtered on; use since and until", at);
    if (op === "co" && NO_CONTAINS.has(attribute)) {
      throw E.unsupportedFilter(`The supplied combination of operator and field is not currently supported. Operator: co, Field: ${attribute}`);
    }
  }
  return (event) => evaluate(tree, event);
}

function tokenize(input: string, fail: (reason: string, at: number) => Error): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    const at = i;
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")") {
      tokens.push({ at, type: "paren", text: c });
      i++;
    } else if (c === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= input.length) throw fail("Unterminated string", at);
        const d = input[i]!;
        if (d === "\\" && i + 1 < input.length) {
          text += input[i + 1];
          i += 2;
        } else if (d === '"') {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ at, type: "string", text });
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!match) throw fail(`Unexpected character '${c}'`, at);
      tokens.push({ at, type: "number", value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))!;
      tokens.push({ at, type: "word", text: match[0] });
      i += match[0].length;
    } else {
      throw fail(`Unexpected character '${c}'`, at);
    }
  }
  return tokens;
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

function evaluate(node: Node, event: unknown): boolean {
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

function compare(actual: unknown, op: string, expected: Value): boolean {
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
        return order(a.localeCompare(b), op);
    }
  }
  if (typeof expected === "number") return typeof actual === "number" && (op === "eq" ? actual === expected : order(Math.sign(actual - expected), op));
  return op === "eq" && actual === expected;
}

function order(sign: number, op: string): boolean {
  return op === "gt" ? sign > 0 : op === "ge" ? sign >= 0 : op === "lt" ? sign < 0 : op === "le" ? sign <= 0 : false;
}
