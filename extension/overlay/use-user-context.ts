import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { UserContext } from "../../shared/persona";
import type { Reply, ReplyError } from "../lib/protocol";
import type { Send } from "./overlay-port";

export type ContextState =
  | { kind: "loading"; previous: UserContext | null }
  | { kind: "ready"; context: UserContext; loadedAtMs: number }
  | { kind: "not-configured"; error: ReplyError }
  | { kind: "signed-out"; error: ReplyError }
  | { kind: "error"; error: ReplyError };

const NOT_CONFIGURED = new Set(["not_configured", "permission_missing"]);
const SIGNED_OUT = new Set(["not_signed_in", "session_expired", "unauthenticated", "user_disabled"]);

/**
 * The worker's context answer for one user, with `reload()`. An answer that arrives after the user changed (the
 * admin navigated on) is dropped, so a slow answer never paints another user's data. `prefetched`, when given, is
 * the first answer already on its way (asked for while the panel was being mounted).
 */
export function useUserContext(
  send: Send,
  userId: string,
  nowMs: () => number = Date.now,
  prefetched?: Promise<Reply<UserContext>>,
): { state: ContextState; reload: () => void } {
  const [state, setState] = useState<ContextState>({ kind: "loading", previous: null });
  const generation = useRef(0);
  const pending = useRef(prefetched);

  const load = useCallback(() => {
    const mine = ++generation.current;
    setState((current) => ({ kind: "loading", previous: current.kind === "ready" ? current.context : current.kind === "loading" ? current.previous : null }));
    const first = pending.current;
    pending.current = undefined;
    void (first ?? send("overlay.context", { userId })).then((reply) => {
      if (mine !== generation.current) return;
      if (reply.ok) setState({ kind: "ready", context: reply.data, loadedAtMs: nowMs() });
      else if (NOT_CONFIGURED.has(reply.error.code)) setState({ kind: "not-configured", error: reply.error });
      else if (SIGNED_OUT.has(reply.error.code)) setState({ kind: "signed-out", error: reply.error });
      else setState({ kind: "error", error: reply.error });
    });
  }, [send, userId, nowMs]);

  useEffect(() => {
    load();
    return () => {
      generation.current++;
    };
  }, [load]);

  return { state, reload: load };
}
