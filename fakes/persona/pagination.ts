/**
 * Persona's cursor pagination (docs/persona.md §1.1): results newest first; `page[size]` 1–100 (default 10);
 * `page[after]=<id>` continues after that object, `page[before]=<id>` returns the page just before it;
 * `links.next`/`links.prev` are origin-relative URLs (`/api/v1/…?page%5Bafter%5D=…`, here with the environment's
 * path prefix) or null at either end. Search endpoints take the same parameters in the body or the query.
 */
import { P } from "./errors";

export interface PageRequest {
  size: number;
  after?: string;
  before?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor for `links.next` (`page[after]`), or null on the last page. */
  next: string | null;
  /** Cursor for `links.prev` (`page[before]`), or null on the first page. */
  prev: string | null;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

function size(value: unknown): number {
  const number = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < 1 || number > MAX_PAGE_SIZE) {
    throw P.badRequest(`page[size] must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  }
  return number;
}

/** Page parameters from the query (`page[size]`, `page[after]`, `page[before]`), falling back to a search body's `page`. */
export function pageRequest(query: URLSearchParams, bodyPage?: Record<string, unknown>): PageRequest {
  for (const [name] of query) {
    if (name.startsWith("page[") && !["page[size]", "page[after]", "page[before]"].includes(name)) throw P.badRequest(`${name} is not a valid parameter`);
  }
  const pick = (key: "size" | "after" | "before") => query.get(`page[${key}]`) ?? bodyPage?.[key];
  const after = pick("after");
  const before = pick("before");
  if ((after !== undefined && typeof after !== "string") || (before !== undefined && typeof before !== "string")) {
    throw P.badRequest("page[after] and page[before] must be object ids");
  }
  if (after !== undefined && before !== undefined) throw P.badRequest("page[after] and page[before] cannot be combined");
  const rawSize = pick("size");
  return {
    size: rawSize === undefined ? DEFAULT_PAGE_SIZE : size(rawSize),
    ...(after === undefined ? {} : { after }),
    ...(before === undefined ? {} : { before }),
  };
}

/** One page of an ordered result. A cursor that is not in the result gives an empty page. */
export function paginate<T extends { id: string }>(ordered: T[], page: PageRequest): Page<T> {
  let start = 0;
  let end = Math.min(page.size, ordered.length);
  const cursor = page.after ?? page.before;
  if (cursor !== undefined) {
    const at = ordered.findIndex((item) => item.id === cursor);
    if (at < 0) return { items: [], next: null, prev: null };
    if (page.after !== undefined) {
      start = at + 1;
      end = Math.min(start + page.size, ordered.length);
    } else {
      end = at;
      start = Math.max(0, end - page.size);
    }
  }
  const items = ordered.slice(start, end);
  if (items.length === 0) return { items, next: null, prev: null };
  return { items, next: end < ordered.length ? items[items.length - 1]!.id : null, prev: start > 0 ? items[0]!.id : null };
}

const pair = (name: string, value: string) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;

/**
 * `links` of a page: `path` (from the origin) with the cursor first, then `keep` — the request's other
 * parameters for a list, `page[size]` for a search (whose body must be sent again, as the spec says).
 */
export function pageLinks(path: string, keep: Array<[string, string]>, page: Page<unknown>): { prev: string | null; next: string | null } {
  const rest = keep.filter(([name]) => name !== "page[after]" && name !== "page[before]").map(([name, value]) => pair(name, value));
  const link = (name: string, cursor: string | null) => (cursor === null ? null : `${path}?${[pair(name, cursor), ...rest].join("&")}`);
  return { prev: link("page[before]", page.prev), next: link("page[after]", page.next) };
}
