import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { type AuditEntry, AuditPageSchema } from "../../shared/audit";
import type { ReplyError } from "../lib/protocol";
import { apiCall, orgPath } from "./api";
import { appendPage } from "./audit-filter";

/** Entries per page asked of the worker (its maximum is 200). */
export const AUDIT_PAGE = 50;

export type AuditPages = {
  entries: AuditEntry[];
  /** The `before` of the next older page; null when the oldest entry is loaded. */
  next: number | null;
  state: "loading" | "ready" | "loading-older" | "error";
  /** The last read's failure; older pages already loaded stay. */
  error: ReplyError | null;
};

/**
 * The audit log, newest first, for one Okta user or everyone: the first page when `userId` changes, then each older
 * page appended on `loadOlder()`. An answer for an earlier `userId` is dropped.
 */
export function useAuditPages(orgId: string, userId: string | undefined) {
  const [pages, setPages] = useState<AuditPages>({ entries: [], next: null, state: "loading", error: null });
  const ticket = useRef(0);

  const read = useCallback(
    async (before: number | undefined, keep: AuditEntry[]) => {
      const mine = ++ticket.current;
      setPages((current) => ({ ...current, entries: keep, state: keep.length === 0 ? "loading" : "loading-older", error: null }));
      const reply = await apiCall("GET", auditPath(orgId, userId, before), AuditPageSchema);
      if (mine !== ticket.current) return;
      setPages(
        reply.ok
          ? { entries: appendPage(keep, reply.data.entries), next: reply.data.next, state: "ready", error: null }
          : (current) => ({ ...current, entries: keep, state: "error", error: reply.error }),
      );
    },
    [orgId, userId],
  );

  useEffect(() => {
    void read(undefined, []);
  }, [read]);

  const loadOlder = () => {
    if (pages.next !== null) void read(pages.next, pages.entries);
  };
  const reload = () => void read(undefined, []);
  return { pages, loadOlder, reload };
}

function auditPath(orgId: string, userId: string | undefined, before: number | undefined): string {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE) });
  if (userId !== undefined) params.set("userId", userId);
  if (before !== undefined) params.set("before", String(before));
  return `${orgPath(orgId, "audit")}?${params.toString()}`;
}
