import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Reply, ReplyError } from "../lib/protocol";

/** What a section shows while it reads: loading, the data, or the error (never a blank). */
export type Loaded<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "error"; error: ReplyError };

/**
 * Runs `load` when `deps` change and on `reload()`; an answer that arrives after a newer request started is
 * dropped, so a slow first read cannot overwrite a fresher one. `replace` lets a write show its own answer.
 */
export function useLoad<T>(load: () => Promise<Reply<T>>, deps: readonly unknown[]) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    setLoaded({ state: "loading" });
    void load().then((reply) => {
      if (ticket !== latest.current) return;
      setLoaded(reply.ok ? { state: "ready", data: reply.data } : { state: "error", error: reply.error });
    });
    // `load` is a fresh closure each render; `deps` say when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const replace = useCallback((data: T) => {
    latest.current++;
    setLoaded({ state: "ready", data });
  }, []);
  return { loaded, reload, replace };
}
