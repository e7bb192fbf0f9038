import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { TimelineItem, TimelinePage, TimelineSource } from "../../shared/timeline";
import type { ReplyError } from "../lib/protocol";
import type { Send } from "./overlay-port";

const ALL_SOURCES: readonly TimelineSource[] = ["okta", "persona", "audit"];
const PAGE_SIZE = 25;

export interface TimelineControl {
  /** The sources shown, in the worker's order; never empty. */
  sources: readonly TimelineSource[];
  items: TimelineItem[];
  /** The sources that failed on any page shown: named beside the list, never hiding it. */
  errors: TimelinePage["errors"];
  next: string | null;
  /** `loading`: the first page; `older`: a further one; `idle` otherwise. */
  busy: "loading" | "older" | "idle";
  /** The last request's own failure (signed out, network): the items already shown stay. */
  failure: ReplyError | null;
  loaded: boolean;
  toggle(source: TimelineSource): void;
  older(): void;
}

/**
 * The user's timeline, read page by page once `enabled` (the tab was opened: the System Log has a rate limit of its
 * own, so an admin who never looks costs nothing). A filter change starts again from the newest page, filtered by
 * the worker so that paging stays exact; `reloads` changing (Refresh) does too. An answer for an older request or
 * after unmount is dropped.
 */
export function useTimeline(send: Send, userId: string, enabled: boolean, reloads: number): TimelineControl {
  const [sources, setSources] = useState<readonly TimelineSource[]>(ALL_SOURCES);
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [errors, setErrors] = useState<TimelinePage["errors"]>({});
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState<TimelineControl["busy"]>("idle");
  const [failure, setFailure] = useState<ReplyError | null>(null);
  const [loaded, setLoaded] = useState(false);
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const read = useCallback(
    async (after: string | null) => {
      const mine = ++generation.current;
      setBusy(after === null ? "loading" : "older");
      setFailure(null);
      const reply = await send("overlay.timeline", { userId, sources: [...sources], limit: PAGE_SIZE, ...(after === null ? {} : { after }) });
      if (mine !== generation.current) return;
      setBusy("idle");
      if (!reply.ok) return setFailure(reply.error);
      setItems((shown) => (after === null ? reply.data.items : [...shown, ...reply.data.items]));
      setErrors((shown) => (after === null ? reply.data.errors : { ...shown, ...reply.data.errors }));
      setNext(reply.data.next);
      setLoaded(true);
    },
    [send, userId, sources],
  );

  // `reloads` is the Refresh button's signal to read again.
  useEffect(() => {
    if (enabled) void read(null);
  }, [enabled, read, reloads]);

  return {
    sources,
    items,
    errors,
    next,
    busy,
    failure,
    loaded,
    toggle: (source) => {
      const wanted = sources.includes(source) ? sources.filter((shown) => shown !== source) : ALL_SOURCES.filter((s) => s === source || sources.includes(s));
      if (wanted.length > 0) setSources(wanted);
    },
    older: () => {
      if (next !== null && busy === "idle") void read(next);
    },
  };
}
