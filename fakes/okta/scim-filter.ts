/**
 * The SCIM filter language (RFC 7644 §3.4.2.2) that both the users' `search`/`filter` (search.ts) and the System
 * Log's `filter` (log-filter.ts) speak: `attribute op value`, `attribute pr`, `and` over `or`, parentheses and
 * optionally `not (…)`. Keywords and operators are case-insensitive; values are strings, numbers, true, false, null.
 * This module only parses: each caller says which operators its API accepts and how a syntax problem is reported,
 * then checks the attributes of the tree and evaluates it its own way.
 */

export type ScimValue = string | number | boolean | null;
export type ScimComparison =
  | { kind: "cmp"; attribute: string; path: string[]; op: string; value: ScimValue; at: number }
  | { kind: "pr"; attribute: string; path: string[]; op: "pr"; at: number };
export type ScimNode = { kind: "and" | "or"; left: ScimNode; right: ScimNode } | { kind: "not"; inner: ScimNode } | ScimComparison;

/** What is wrong with an expression, where (a 0-based offset into it; its length when it ended too soon). */
export interface ScimSyntaxProblem {
  code:
    | "unexpected-character"
    | "unterminated-string"
    | "expected-attribute"
    | "invalid-attribute"
    | "unknown-operator"
    | "expected-value"
    | "string-operand"
    | "expected-not-group"
    | "expected-close"
    | "unexpected-input";
  reason: string;
  at: number;
}

export interface ScimDialect {
  /** The operators the API accepts, in lower case (`pr`, the presence test, is the only one without a value). */
  operators: ReadonlySet<string>;
  /** Whether `not (…)` is part of the language; otherwise `not` is read as an attribute name. */
  not: boolean;
  syntaxError(problem: ScimSyntaxProblem): Error;
}

/** Operators that only take a string operand. */
const STRING_OPERATORS = new Set(["co", "sw", "ew"]);
/** Precedence climbing over the binary keywords: `and` binds tighter than `or`; both associate to the left. */
const PRECEDENCE = { or: 1, and: 2 } as const;

type Token = { at: number } & (
  | { type: "word"; text: string }
  | { type: "string"; text: string }
  | { type: "number"; value: number }
  | { type: "paren"; text: "(" | ")" }
);

export function parseScimFilter(expression: string, dialect: ScimDialect): ScimNode {
  const fail = (code: ScimSyntaxProblem["code"], reason: string, at: number) => dialect.syntaxError({ code, reason, at });
  const tokens = tokenize(expression, fail);
  const end = expression.length;
  let pos = 0;
  const keyword = (token: Token | undefined) => (token?.type === "word" ? token.text.toLowerCase() : undefined);
  const isParen = (token: Token | undefined, text: "(" | ")") => token?.type === "paren" && token.text === text;

  const parseExpression = (minPrecedence: number): ScimNode => {
    let left = parseFactor();
    for (;;) {
      const op = keyword(tokens[pos]);
      if ((op !== "and" && op !== "or") || PRECEDENCE[op] < minPrecedence) return left;
      pos++;
      left = { kind: op, left, right: parseExpression(PRECEDENCE[op] + 1) };
    }
  };
  const parseGroup = (): ScimNode => {
    const inner = parseExpression(1);
    const close = tokens[pos++];
    if (!isParen(close, ")")) throw fail("expected-close", "Expected ')'", close?.at ?? end);
    return inner;
  };
  const parseFactor = (): ScimNode => {
    const token = tokens[pos++];
    if (token === undefined) throw fail("expected-attribute", "Expected an attribute", end);
    if (isParen(token, "(")) return parseGroup();
    if (dialect.not && keyword(token) === "not") {
      const open = tokens[pos++];
      if (!isParen(open, "(")) throw fail("expected-not-group", "Expected '(' after not", open?.at ?? end);
      return { kind: "not", inner: parseGroup() };
    }
    if (token.type !== "word") throw fail("expected-attribute", "Expected an attribute", token.at);
    const { text: attribute, at } = token;
    const path = attribute.split(".");
    if (path.some((part) => part === "")) throw fail("invalid-attribute", `Invalid attribute '${attribute}'`, at);
    const opToken = tokens[pos++];
    const op = keyword(opToken);
    if (op === undefined || !dialect.operators.has(op)) {
      const shown = opToken === undefined ? "" : opToken.type === "number" ? String(opToken.value) : opToken.text;
      throw fail("unknown-operator", `Unrecognized attribute operator '${shown}'`, opToken?.at ?? end);
    }
    if (op === "pr") return { kind: "pr", attribute, path, op, at };
    const valueToken = tokens[pos++];
    let value: ScimValue;
    if (valueToken?.type === "string") value = valueToken.text;
    else if (valueToken?.type === "number") value = valueToken.value;
    else if (valueToken?.type === "word" && /^(true|false|null)$/i.test(valueToken.text)) {
      const literal = valueToken.text.toLowerCase();
      value = literal === "null" ? null : literal === "true";
    } else throw fail("expected-value", "Expected a value", valueToken?.at ?? end);
    if (STRING_OPERATORS.has(op) && typeof value !== "string") throw fail("string-operand", `Operator '${op}' needs a string value`, valueToken.at);
    return { kind: "cmp", attribute, path, op, value, at };
  };

  const tree = parseExpression(1);
  if (pos !== tokens.length) throw fail("unexpected-input", "Unexpected input", tokens[pos]!.at);
  return tree;
}

/** The comparisons of a tree in the order they appear in the expression. */
export function comparisonsOf(node: ScimNode): ScimComparison[] {
  switch (node.kind) {
    case "and":
    case "or":
      return [...comparisonsOf(node.left), ...comparisonsOf(node.right)];
    case "not":
      return comparisonsOf(node.inner);
    default:
      return [node];
  }
}

/** Whether `sign` (negative, zero, positive: actual against expected) satisfies an ordering operator. */
export function ordered(sign: number, op: string): boolean {
  return op === "gt" ? sign > 0 : op === "ge" ? sign >= 0 : op === "lt" ? sign < 0 : op === "le" ? sign <= 0 : false;
}

function tokenize(input: string, fail: (code: ScimSyntaxProblem["code"], reason: string, at: number) => Error): Token[] {
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
        if (i >= input.length) throw fail("unterminated-string", "Unterminated string", at);
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
      if (!match) throw fail("unexpected-character", `Unexpected character '${c}'`, at);
      tokens.push({ at, type: "number", value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))!;
      tokens.push({ at, type: "word", text: match[0] });
      i += match[0].length;
    } else {
      throw fail("unexpected-character", `Unexpected character '${c}'`, at);
    }
  }
  return tokens;
}
