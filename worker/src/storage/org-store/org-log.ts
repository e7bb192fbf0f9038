import { MAX_QUOTED_CHARS, quoteUntrusted } from "../../../../shared/untrusted-text";

/**
 * The organization's own log (why a sign-in failed, in detail): what admins read instead of the terse browser
 * page. Anyone who can reach the ACS can add to it, so entries are kept in two budgets pruned separately: what an
 * unauthenticated sender can cause (refused sign-ins, refused extension codes) cannot evict what only a verified
 * party can (sign-ins, rule runs, token exchanges). Every entry is bounded in size as it is written.
 */

export type LogEntry = {
  id: number;
  at: string;
  event: string;
  code: string | null;
  message: string;
  /** JSON object text: RPC types cannot carry `unknown`, so the route parses it. */
  detailsJson: string;
};

/**
 * `unauthenticated`: the entry could have been caused by anyone on the internet (a refused ACS post, a refused
 * extension code). `authenticated`: it follows a verified signature, session or code.
 */
export type LogBudget = "unauthenticated" | "authenticated";

export type NewLogEntry = { event: string; budget: LogBudget; code?: string; message: string; details?: Record<string, unknown> };

export const LOG_LIMITS: Record<LogBudget, number> = { unauthenticated: 500, authenticated: 1000 };

export const MAX_MESSAGE_CHARS = 300;
const MAX_DETAIL_KEYS = 20;
const MAX_DETAIL_ITEMS = 10;

/** A detail value as it may be stored: strings quoted at token length, lists and objects cut short, no deep nesting. */
function boundDetail(value: unknown, depth: number): unknown {
  if (typeof value === "string") return quoteUntrusted(value, MAX_QUOTED_CHARS);
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (depth >= 2) return "(nested value omitted)";
  if (Array.isArray(value)) return value.slice(0, MAX_DETAIL_ITEMS).map((item) => boundDetail(item, depth + 1));
  if (typeof value === "object") return boundDetails(value as Record<string, unknown>, depth + 1);
  return String(value);
}

function boundDetails(details: Record<string, unknown>, depth = 0): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details)
      .slice(0, MAX_DETAIL_KEYS)
      .map(([key, value]) => [quoteUntrusted(key, 40), boundDetail(value, depth)]),
  );
}

export function appendLog(sql: SqlStorage, entry: NewLogEntry, nowMs: number): void {
  sql.exec(
    "INSERT INTO org_log (at, event, code, message, details, budget) VALUES (?, ?, ?, ?, ?, ?)",
    nowMs,
    quoteUntrusted(entry.event, 60),
    entry.code === undefined ? null : quoteUntrusted(entry.code, 60),
    quoteUntrusted(entry.message, MAX_MESSAGE_CHARS),
    JSON.stringify(boundDetails(entry.details ?? {})),
    entry.budget,
  );
  // Only this entry's budget is pruned: the other keeps its newest entries whatever arrives here.
  sql.exec(
    "DELETE FROM org_log WHERE budget = ? AND id <= (SELECT id FROM org_log WHERE budget = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
    entry.budget,
    entry.budget,
    LOG_LIMITS[entry.budget],
  );
}

/** Newest first, both budgets together; `beforeId` pages by entry ID. */
export function listLog(sql: SqlStorage, limit: number, beforeId?: number): LogEntry[] {
  return sql
    .exec("SELECT * FROM org_log WHERE id < ? ORDER BY id DESC LIMIT ?", beforeId ?? Number.MAX_SAFE_INTEGER, limit)
    .toArray()
    .map((row) => ({
      id: Number(row.id),
      at: new Date(Number(row.at)).toISOString(),
      event: String(row.event),
      code: row.code === null ? null : String(row.code),
      message: String(row.message),
      detailsJson: String(row.details),
    }));
}
