import { z } from "zod";
import { AppError } from "../../../shared/errors";
import type { TimelineItem } from "../../../shared/timeline";

/**
 * The timeline's paging across its three sources. A cursor is the time of the last item a page showed and the IDs
 * shown at exactly that time, so the next page asks every source for what is at or before that time and drops
 * those. Each source returns at least a page of its newest items at or before the cursor, so the newest `limit`
 * of their merge is exactly the next page.
 */

const CursorSchema = z.strictObject({ t: z.iso.datetime(), ids: z.array(z.string().max(200)).max(100) });
export type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify(cursor)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The `after` a client sent back; anything that is not one of ours is a 400. */
export function decodeCursor(after: string): Cursor {
  try {
    const json = atob(after.replaceAll("-", "+").replaceAll("_", "/"));
    return CursorSchema.parse(JSON.parse(json));
  } catch {
    throw new AppError("invalid_request", "after is not a cursor this timeline gave", { field: "after" });
  }
}

/** Newest first; the same time is ordered by ID, so the order is total and stable across pages. */
function newestFirst(a: TimelineItem, b: TimelineItem): number {
  return Date.parse(b.time) - Date.parse(a.time) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * One page from each source's candidates (any order, possibly beyond the bounds): inside `[sinceMs, untilMs]`,
 * not already shown by `cursor`, newest first, at most `limit`. `more` says whether a source may hold older items
 * than it returned (it returned a full read).
 */
export function pageOf(
  candidates: readonly TimelineItem[],
  bounds: { sinceMs: number; untilMs: number; limit: number; cursor: Cursor | null; more: boolean },
): { items: TimelineItem[]; next: string | null } {
  const shown = new Set(bounds.cursor?.ids ?? []);
  const ceiling = bounds.cursor ? Math.min(Date.parse(bounds.cursor.t), bounds.untilMs) : bounds.untilMs;
  const inside = candidates
    .filter((item) => {
      const at = Date.parse(item.time);
      return at >= bounds.sinceMs && at <= ceiling && !shown.has(item.id);
    })
    .sort(newestFirst);
  const items = inside.slice(0, bounds.limit);
  const last = items.at(-1);
  if (!last || (inside.length <= bounds.limit && !bounds.more)) return { items, next: null };
  const sameTime = items.filter((item) => item.time === last.time).map((item) => item.id);
  const carried = bounds.cursor && bounds.cursor.t === last.time ? bounds.cursor.ids : [];
  return { items, next: encodeCursor({ t: last.time, ids: [...new Set([...carried, ...sameTime])].slice(-100) }) };
}
