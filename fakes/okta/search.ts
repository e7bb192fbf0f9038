/**
 * The `search` and `filter` expressions of `GET /api/v1/users` (docs/okta.md §1.5):
 * - search: `eq`, `sw`, `co` (only on profile.firstName|lastName|email|login), `gt`/`ge`/`lt`/`le`, `pr`; `and`, `or`,
 *   parentheses. Property names are case-sensitive, operators and string values are not.
 * - filter: only status, lastUpdated, id, profile.login|email|firstName|lastName with `eq` (lastUpdated also
 *   gt/ge/lt/le); `and`/`or`. Property names and values are case-sensitive, operators are not.
 * `ne` and `not` are unsupported. Anything else is a bad expression: 400 E0000031.
 */
import { E } from "./errors";

export type Mode = "search" | "filter";
type Value = string | number | boolean | null;
type Node = { kind: "and" | "or"; left: Node; right: Node } | { kind: "cmp"; attr: string; op: string; value: Value } | { kind: "pr"; attr: string };

const CO_ATTRIBUTES = new Set(["profile.firstName", "profile.lastName", "profile.email", "profile.login"]);
const SEARCH_TOP_LEVEL = new Set(["id", "status", "created", "activated", "statusChanged", "lastUpdated", "type.id"]);
const FILTER_ATTRIBUTES = new Set(["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);
const COMPARISONS = new Set(["eq", "sw", "co", "gt", "ge", "lt", "le"]);

type Token = { type: "word"; text: string } | { type: "string"; text: string } | { type: "number"; value: number } | { type: "paren"; text: "(" | ")" };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "(" || c === ")") {
      tokens.push({ type: "paren", text: c });
      i++;
    } else if (c === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= input.length) throw E.invalidSearch();
        const d = input[i]!;
        if (d === "\\") {
          if (i + 1 >= input.length) throw E.invalidSearch();
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
      tokens.push({ type: "string", text });
    } else if (/[-0-9]/.test(c)) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!match) throw E.invalidSearch();
      tokens.push({ type: "number", value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))!;
      tokens.push({ type: "word", text: match[0] });
      i += match[0].length;
    } else {
      throw E.invalidSearch();
    }
  }
  return tokens;
}

/** Parses an expression into a predicate over a user's JSON; throws 400 E0000031 on anything unsupported. */
export function compileUserQuery(expression: string, mode: Mode): (user: Record<string, unknown>) => boolean {
  const tokens = tokenize(expression);
  let pos = 0;
  const peekWord = (): string | undefined => {
    const token = tokens[pos];
    return token?.type === "word" ? token.text.toLowerCase() : undefined;
  };

  const parseOr = (): Node => {
    let left = parseAnd();
    while (peekWord() === "or") {
      pos++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parsePrimary();
    while (peekWord() === "and") {
      pos++;
      left = { kind: "and", left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): Node => {
    const token = tokens[pos++];
    if (token === undefined) throw E.invalidSearch();
    if (token.type === "paren" && token.text === "(") {
      const inner = parseOr();
      const close = tokens[pos++];
      if (close?.type !== "paren" || close.text !== ")") throw E.invalidSearch();
      return inner;
    }
    if (token.type !== "word") throw E.invalidSearch();
    const attr = token.text;
    checkAttribute(attr, mode);
    const opToken = tokens[pos++];
    if (opToken?.type !== "word") throw E.invalidSearch();
    const op = opToken.text.toLowerCase();
    if (op === "pr") {
      if (mode === "filter") throw E.invalidSearch();
      return { kind: "pr", attr };
    }
    if (!COMPARISONS.has(op)) throw E.invalidSearch();
    if (mode === "filter" && op !== "eq" && !(attr === "lastUpdated" && ["gt", "ge", "lt", "le"].includes(op))) throw E.invalidSearch();
    if (op === "co" && (mode === "filter" || !CO_ATTRIBUTES.has(attr))) throw E.invalidSearch();
    const valueToken = tokens[pos++];
    let value: Value;
    if (valueToken?.type === "string") value = valueToken.text;
    else if (valueToken?.type === "number") value = valueToken.value;
    else if (valueToken?.type === "word" && ["true", "false", "null"].includes(valueToken.text.toLowerCase())) {
      value = valueToken.text.toLowerCase() === "null" ? null : valueToken.text.toLowerCase() === "true";
    } else throw E.invalidSearch();
    if ((op === "sw" || op === "co") && typeof value !== "string") throw E.invalidSearch();
    return { kind: "cmp", attr, op, value };
  };

  const tree = parseOr();
  if (pos !== tokens.length) throw E.invalidSearch();
  return (user) => evaluate(tree, user, mode);
}

function checkAttribute(attr: string, mode: Mode): void {
  if (mode === "filter") {
    if (!FILTER_ATTRIBUTES.has(attr)) throw E.invalidSearch();
    return;
  }
  if (SEARCH_TOP_LEVEL.has(attr)) return;
  if (/^profile\.[A-Za-z_][A-Za-z0-9_]*$/.test(attr)) return;
  throw E.invalidSearch();
}

function lookup(user: Record<string, unknown>, attr: string): unknown {
  let value: unknown = user;
  for (const part of attr.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function evaluate(node: Node, user: Record<string, unknown>, mode: Mode): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, user, mode) && evaluate(node.right, user, mode);
    case "or":
      return evaluate(node.left, user, mode) || evaluate(node.right, user, mode);
    case "pr": {
      const value = lookup(user, node.attr);
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    }
    case "cmp": {
      const actual = lookup(user, node.attr);
      // Array-valued attributes match when any element does.
      const candidates = Array.isArray(actual) ? actual : [actual];
      return candidates.some((candidate) => compare(candidate, node.op, node.value, mode === "search"));
    }
  }
}

function compare(actual: unknown, op: string, expected: Value, caseInsensitive: boolean): boolean {
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
        const order = Number.isNaN(da) || Number.isNaN(db) ? a.localeCompare(b) : Math.sign(da - db);
        return op === "gt" ? order > 0 : op === "ge" ? order >= 0 : op === "lt" ? order < 0 : order <= 0;
      }
    }
  }
  if (typeof expected === "number" && typeof actual === "number") {
    return op === "eq"
      ? actual === expected
      : op === "gt"
        ? actual > expected
        : op === "ge"
          ? actual >= expected
          : op === "lt"
            ? actual < expected
            : op === "le"
              ? actual <= expected
              : false;
  }
  return op === "eq" && actual === expected;
}
