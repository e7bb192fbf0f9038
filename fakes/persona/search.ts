/**
 * Persona's search language (`POST /accounts/search`, `POST /cases/search`; docs/persona.md §1.4): a leaf predicate
 * `{attribute, operator: eq|gt|gte|lt|lte, value: string|number|boolean}` combined with `and`/`or` (at most 20
 * clauses each) and `not`, at most 2 levels of nesting; `sort: {attribute, direction: asc|desc}` (default
 * `created_at` desc); `page` as on lists. `fields.*` attributes must be searchable (an environment option stands in
 * for "marked searchable on the account type / case template"). Anything else is a 400.
 */
import { P } from "./errors";

export type Operator = "eq" | "gt" | "gte" | "lt" | "lte";
const OPERATORS: readonly Operator[] = ["eq", "gt", "gte", "lt", "lte"];
const MAX_DEPTH = 2;
const MAX_CLAUSES = 20;

/** What one resource offers to search. */
export interface SearchSchema<T> {
  /** Plain attribute names, e.g. `status`, `created_at`. */
  attributes: readonly string[];
  /** Attribute families, e.g. `fields.`, `identifiers.`. */
  prefixes: readonly string[];
  /** Attributes compared as instants. */
  timestamps: readonly string[];
  /** Attributes compared without regard to case (free-form statuses). */
  caseInsensitive: readonly string[];
  /** Throws a 400 when a family attribute may not be searched (e.g. a field not marked searchable). */
  checkAttribute?(attribute: string): void;
  /** The record's value for the attribute: a scalar, a list (any element may match), or undefined/null (no value). */
  read(record: T, attribute: string): unknown;
}

export interface SearchRequest {
  query: unknown;
  sort: { attribute: string; direction: "asc" | "desc" };
  page: Record<string, unknown> | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The body's three parts; unknown top-level keys are refused (the spec's body has `additionalProperties: false`). */
export function searchRequest(body: unknown): SearchRequest {
  if (body === undefined) return { query: undefined, sort: { attribute: "created_at", direction: "desc" }, page: undefined };
  if (!isObject(body)) throw P.badRequest("the body must be a JSON object");
  for (const key of Object.keys(body)) if (!["query", "sort", "page"].includes(key)) throw P.badRequest(`${key} is not a permitted parameter`);
  let sort: SearchRequest["sort"] = { attribute: "created_at", direction: "desc" };
  if (body.sort !== undefined) {
    const { attribute, direction } = isObject(body.sort) ? body.sort : {};
    if (typeof attribute !== "string" || (direction !== "asc" && direction !== "desc")) throw P.badRequest("sort must be {attribute, direction: asc|desc}");
    sort = { attribute, direction };
  }
  if (body.page !== undefined && !isObject(body.page)) throw P.badRequest("page must be an object");
  return { query: body.query, sort, page: body.page as Record<string, unknown> | undefined };
}

function checkAttribute<T>(schema: SearchSchema<T>, attribute: unknown): string {
  if (typeof attribute !== "string") throw P.badRequest("attribute must be a string");
  const family = schema.prefixes.find((prefix) => attribute.startsWith(prefix) && attribute.length > prefix.length);
  if (!schema.attributes.includes(attribute) && family === undefined) throw P.badRequest(`${attribute} is not a searchable attribute`);
  if (family !== undefined) schema.checkAttribute?.(attribute);
  return attribute;
}

type Predicate<T> = (record: T) => boolean;

/** Validates a query and turns it into a predicate. No query matches everything. */
export function compileQuery<T>(query: unknown, schema: SearchSchema<T>): Predicate<T> {
  if (query === undefined || query === null) return () => true;
  return compile(query, schema, 0);
}

function compile<T>(node: unknown, schema: SearchSchema<T>, depth: number): Predicate<T> {
  if (!isObject(node)) throw P.badRequest("each query clause must be an object");
  const keys = Object.keys(node);
  const boolean = keys.length === 1 && ["and", "or", "not"].includes(keys[0]!) ? keys[0]! : undefined;
  if (boolean !== undefined) {
    if (depth + 1 > MAX_DEPTH) throw P.badRequest(`query nesting is limited to ${MAX_DEPTH} levels`);
    if (boolean === "not") {
      const inner = compile(node.not, schema, depth + 1);
      return (record) => !inner(record);
    }
    const clauses = node[boolean];
    if (!Array.isArray(clauses)) throw P.badRequest(`${boolean} must be an array`);
    if (clauses.length > MAX_CLAUSES) throw P.badRequest(`${boolean} is limited to ${MAX_CLAUSES} clauses`);
    const inner = clauses.map((clause) => compile(clause, schema, depth + 1));
    return boolean === "and" ? (record) => inner.every((test) => test(record)) : (record) => inner.some((test) => test(record));
  }
  if (keys.length !== 3 || !["attribute", "operator", "value"].every((key) => keys.includes(key))) {
    throw P.badRequest("a predicate is exactly {attribute, operator, value}");
  }
  const attribute = checkAttribute(schema, node.attribute);
  const operator = node.operator as Operator;
  if (!OPERATORS.includes(operator)) throw P.badRequest(`operator must be one of ${OPERATORS.join(", ")}`);
  const { value } = node;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw P.badRequest("value must be a string, number or boolean");
  const compare = comparator(schema, attribute);
  if (schema.timestamps.includes(attribute) && Number.isNaN(Date.parse(String(value)))) throw P.badRequest(`${attribute} takes a date-time value`);
  return (record) => {
    const actual = schema.read(record, attribute);
    const candidates = Array.isArray(actual) ? actual : [actual];
    return candidates.some((candidate) => {
      const order = compare(candidate, value);
      if (order === undefined) return false;
      switch (operator) {
        case "eq":
          return order === 0;
        case "gt":
          return order > 0;
        case "gte":
          return order >= 0;
        case "lt":
          return order < 0;
        case "lte":
          return order <= 0;
        default:
          return false;
      }
    });
  };
}

/** Orders a record's value against a query value; undefined when they cannot be compared (no value, other type). */
function comparator<T>(schema: SearchSchema<T>, attribute: string): (actual: unknown, wanted: unknown) => number | undefined {
  if (schema.timestamps.includes(attribute)) {
    return (actual, wanted) => {
      const a = typeof actual === "string" ? Date.parse(actual) : Number.NaN;
      const b = Date.parse(String(wanted));
      return Number.isNaN(a) || Number.isNaN(b) ? undefined : Math.sign(a - b);
    };
  }
  const fold = schema.caseInsensitive.includes(attribute);
  return (actual, wanted) => {
    if (typeof actual === "number" && typeof wanted === "number") return Math.sign(actual - wanted);
    if (typeof actual === "boolean" && typeof wanted === "boolean") return actual === wanted ? 0 : undefined;
    if (typeof actual === "string" && typeof wanted === "string") {
      const a = fold ? actual.toLowerCase() : actual;
      const b = fold ? wanted.toLowerCase() : wanted;
      return a < b ? -1 : a > b ? 1 : 0;
    }
    return undefined;
  };
}

/** Sorts by the requested attribute; records without a value go last, ties newest-created first. */
export function sortRecords<T extends { seq: number }>(records: T[], sort: SearchRequest["sort"], schema: SearchSchema<T>): T[] {
  checkAttribute(schema, sort.attribute);
  const compare = comparator(schema, sort.attribute);
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...records].sort((left, right) => {
    const a = schema.read(left, sort.attribute);
    const b = schema.read(right, sort.attribute);
    const missingA = a === undefined || a === null;
    const missingB = b === undefined || b === null;
    if (missingA || missingB) return missingA === missingB ? right.seq - left.seq : missingA ? 1 : -1;
    return (compare(a, b) ?? 0) * sign || right.seq - left.seq;
  });
}
