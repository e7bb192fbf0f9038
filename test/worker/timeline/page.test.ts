import { describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors";
import type { TimelineItem } from "../../../shared/timeline";
import { decodeCursor, encodeCursor, pageOf } from "../../../worker/src/timeline/page";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const item = (id: string, minutes: number, source: TimelineItem["source"] = "okta"): TimelineItem => ({
  id,
  source,
  time: new Date(T0 + minutes * 60_000).toISOString(),
  type: "x",
  summary: id,
});
const bounds = { sinceMs: 0, untilMs: T0 + 1e9, limit: 3, cursor: null, more: false };

describe("the timeline's pages across sources", () => {
  it("merges newest first, and the cursor walks every item exactly once, ties included", () => {
    const all = [item("okta:a", 5), item("audit:1", 5), item("persona:c", 4), item("okta:d", 5), item("audit:2", 2), item("okta:e", 1), item("persona:f", 0)];
    const seen: string[] = [];
    let cursor = null as ReturnType<typeof decodeCursor> | null;
    for (let page = 0; page < 5; page++) {
      const { items, next } = pageOf(all, { ...bounds, cursor });
      seen.push(...items.map((entry) => entry.id));
      if (next === null) break;
      cursor = decodeCursor(next);
    }
    expect(seen).toEqual(["okta:d", "okta:a", "audit:1", "persona:c", "audit:2", "okta:e", "persona:f"]);
  });

  it("keeps to since and until, and a source that may hold more keeps the cursor going", () => {
    const all = [item("okta:a", 10), item("okta:b", 5), item("okta:c", 1)];
    const within = pageOf(all, { ...bounds, sinceMs: T0 + 2 * 60_000, untilMs: T0 + 6 * 60_000 });
    expect(within.items.map((entry) => entry.id)).toEqual(["okta:b"]);
    expect(within.next).toBeNull();
    expect(pageOf(all, { ...bounds, limit: 3, more: true }).next).not.toBeNull();
  });

  it("a cursor that is not one of ours is a 400", () => {
    for (const after of ["nope", encodeCursor({ t: "2030-01-01T00:00:00.000Z", ids: [] }).slice(0, -3), btoa('{"t":"x","ids":[]}')]) {
      const error = (() => {
        try {
          return decodeCursor(after);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isAppError(error, "invalid_request")).toBe(true);
    }
  });
});
