/**
 * Okta's cursor pagination (docs/okta.md §1.5): a page of at most `limit` items after the `after` cursor, and `Link`
 * headers — `rel="self"` for this page and `rel="next"` while more items follow. The cursor of `GET /api/v1/users`
 * is the id of the last user of the previous page; clients must follow the `next` URL as given.
 */

export interface Page<T> {
  items: T[];
  /** Cursor of the next page; undefined on the last page. */
  nextAfter?: string;
}

/**
 * `sorted` is the whole ordered result; `isAfterCursor` tells whether an item comes after the cursor (so a cursor
 * whose user left the result, e.g. by a status change, still marks a position).
 */
export function pageOf<T>(sorted: T[], limit: number, keyOf: (item: T) => string, isAfterCursor?: (item: T) => boolean): Page<T> {
  const rest = isAfterCursor ? sorted.filter(isAfterCursor) : sorted;
  const items = rest.slice(0, limit);
  const last = items[items.length - 1];
  return rest.length > limit && last !== undefined ? { items, nextAfter: keyOf(last) } : { items };
}

/** `Link` header values: `<url>; rel="self"` and, when there is a next page, `<url?after=…>; rel="next"`. */
export function linkHeaders(requestUrl: URL, nextAfter: string | undefined): string[] {
  const links = [`<${requestUrl.toString()}>; rel="self"`];
  if (nextAfter !== undefined) {
    const next = new URL(requestUrl);
    next.searchParams.set("after", nextAfter);
    links.push(`<${next.toString()}>; rel="next"`);
  }
  return links;
}

/** `limit`: absent → the default; clamped to 1…max (Okta caps `GET /api/v1/users` at 200); not a number → default. */
export function limitParam(value: string | null, fallback: number, max: number): number {
  if (value === null || !/^\d+$/.test(value.trim())) return fallback;
  return Math.min(Math.max(Number(value), 1), max);
}
