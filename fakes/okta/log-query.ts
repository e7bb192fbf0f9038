/**
 * `GET /api/v1/logs` (`listLogEvents`), as developer.okta.com/docs/reference/api/system-log/ describes it:
 * - **Polling** requests (no `until`, `sortOrder=ASCENDING`): filtered and ordered by the time Okta persisted each
 *   event, so a late event is not skipped; the `next` link is always present, even on an empty page.
 * - **Bounded** requests (`until` given, or `DESCENDING`): filtered by `published` between `since` and `until`
 *   (both inclusive), in `published` order; the last page has no `next` link. A `next` link pins `until` when the
 *   request left it to default, so every page sees the same window.
 * - `since` defaults to 7 days before `until` (now); more than 180 days ago is 400 E0000053 with Okta's text. Events
 *   older than the 90-day retention are never returned. Bad dates are 400 E0000001 with Okta's verbatim summary.
 * - `filter` (log-filter.ts), `q` (every keyword must equal a word of some value, ignoring case; a hyphenated word
 *   also matches its parts; at most 10 keywords of 40 characters), `limit` (default 100, 0…1000).
 * - `after` is the opaque cursor of a `next` link (the position of the last event returned).
 * Undocumented, chosen here: a `limit` above 1000 is served as 1000, one that is not an integer ≥ 0 is 400 E0000001;
 * `since` after `until`, an unknown `sortOrder` or a forged cursor is 400 (E0000053, E0000001, E0000053).
 */
import { E } from "./errors";
import type { FakeResponse } from "./http";
import { renderLogEvent } from "./log-event";
import { compileLogFilter } from "./log-filter";
import type { LogRecord } from "./log-store";
import type { Org } from "./org";

const DAY_MS = 24 * 60 * 60 * 1000;
export const LOG_RETENTION_DAYS = 90;
const MAX_SINCE_DAYS = 180;
export const LOG_DEFAULT_LIMIT = 100;
export const LOG_MAX_LIMIT = 1000;

export interface LogQueryRequest {
  /** Raw path under the org (`/api/v1/logs`) and the raw query string, for the `Link` URLs. */
  path: string;
  search: string;
  query: URLSearchParams;
}

type Cursor = { kind: "polling"; seq: number } | { kind: "bounded"; publishedMs: number; seq: number };

export function listLogEvents(org: Org, request: LogQueryRequest, nowMs: number): FakeResponse {
  const { query } = request;
  const sortOrder = query.get("sortOrder") ?? "ASCENDING";
  if (sortOrder !== "ASCENDING" && sortOrder !== "DESCENDING") {
    throw E.validation("'sortOrder': must be one of ASCENDING, DESCENDING.", ["sortOrder: must be one of ASCENDING, DESCENDING."]);
  }
  const untilParam = query.get("until");
  const polling = untilParam === null && sortOrder === "ASCENDING";
  const untilMs = untilParam === null ? nowMs : timeParam("until", untilParam);
  const sinceParam = query.get("since");
  const sinceMs = sinceParam === null ? untilMs - 7 * DAY_MS : timeParam("since", sinceParam);
  if (sinceMs < nowMs - MAX_SINCE_DAYS * DAY_MS) throw E.invalidLogQuery("Invalid parameter: The since parameter is over 180 days prior to the current day.");
  if (sinceMs > untilMs) throw E.invalidLogQuery("Invalid parameter: The since parameter must not be later than the until parameter.");
  const limit = limitParam(query.get("limit"));
  const keywords = keywordsParam(query.get("q"));
  const filterParam = query.get("filter");
  const matchesFilter = filterParam === null ? () => true : compileLogFilter(filterParam);
  const afterParam = query.get("after");
  const after = afterParam === null ? undefined : decodeCursor(afterParam, polling ? "polling" : "bounded");

  const retainedFrom = nowMs - LOG_RETENTION_DAYS * DAY_MS;
  const render = (record: LogRecord) => renderLogEvent(record.event, org.options);
  const all = org.logs.all().filter((record) => record.publishedMs >= retainedFrom);
  let ordered: LogRecord[];
  let startSeq = 0;
  if (polling) {
    // Persistence order is `seq` order, so "persisted at or after since" is a suffix of the log.
    startSeq = all.filter((record) => record.persistedAtMs < sinceMs).reduce((max, record) => Math.max(max, record.seq), 0);
    ordered = all.filter((record) => record.persistedAtMs >= sinceMs && (after === undefined || record.seq > after.seq));
  } else {
    const direction = sortOrder === "ASCENDING" ? 1 : -1;
    const compare = (a: { publishedMs: number; seq: number }, b: { publishedMs: number; seq: number }) =>
      direction * (a.publishedMs - b.publishedMs || a.seq - b.seq);
    ordered = all
      .filter((record) => record.publishedMs >= sinceMs && record.publishedMs <= untilMs)
      .filter((record) => after === undefined || compare(record, after as Cursor & { publishedMs: number }) > 0)
      .sort(compare);
  }
  // Keywords read the stored event: Okta's nulls (logEventNulls) add no words.
  const matching = ordered.filter((record) => matchesFilter(record.event) && matchesKeywords(record.event, keywords));
  const page = matching.slice(0, limit);
  const last = page[page.length - 1];
  const truncated = matching.length > page.length;

  let next: Cursor | undefined;
  if (polling) {
    // Always a next link: after the last event returned, or past everything examined when nothing matched.
    const examined = ordered.reduce((max, record) => Math.max(max, record.seq), after?.seq ?? startSeq);
    next = { kind: "polling", seq: last?.seq ?? (truncated ? (after?.seq ?? startSeq) : examined) };
  } else if (truncated) {
    next = last ? { kind: "bounded", publishedMs: last.publishedMs, seq: last.seq } : after;
  }

  const self = new URL(`${org.orgUrl}${request.path}${request.search}`);
  const links = [`<${self.toString()}>; rel="self"`];
  if (polling || truncated) {
    const nextUrl = new URL(self);
    if (!polling && untilParam === null) nextUrl.searchParams.set("until", new Date(untilMs).toISOString());
    if (next === undefined) nextUrl.searchParams.delete("after");
    else nextUrl.searchParams.set("after", encodeCursor(next));
    links.push(`<${nextUrl.toString()}>; rel="next"`);
  }
  return { status: 200, body: page.map(render), headers: { link: links } };
}

const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** An ISO 8601 date-time (a missing zone is UTC); anything else is Okta's E0000001 for that parameter, verbatim. */
function timeParam(name: "since" | "until", value: string): number {
  const match = ISO_8601.exec(value.trim());
  let ms = Number.NaN;
  if (match) {
    const [, date, time, zone] = match;
    const offset = zone === undefined ? "Z" : zone.toUpperCase() === "Z" ? "Z" : zone.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
    ms = Date.parse(time === undefined ? `${date}T00:00:00Z` : `${date}T${time}${offset}`);
  }
  if (Number.isNaN(ms)) {
    const format = `${name}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`;
    const empty = `${name}: must be a valid date-time or empty.`;
    throw E.validation(
      `'${name}': The date format in your query is not recognized. Please enter dates using ISO8601 string format.. '${name}': must be a valid date-time or empty.`,
      [format, empty],
    );
  }
  return ms;
}

function limitParam(value: string | null): number {
  if (value === null) return LOG_DEFAULT_LIMIT;
  if (!/^\d+$/.test(value.trim())) throw E.validation("'limit': must be an integer between 0 and 1000.", ["limit: must be an integer between 0 and 1000."]);
  return Math.min(Number(value), LOG_MAX_LIMIT);
}

function keywordsParam(value: string | null): string[] {
  if (value === null) return [];
  const keywords = value.split(/\s+/).filter((keyword) => keyword !== "");
  if (keywords.some((keyword) => keyword.length > 40)) {
    throw E.validation(
      "'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.",
    );
  }
  if (keywords.length > 10)
    throw E.validation("'q': Freeform search cannot contain more than 10 items. Please use an advanced filter to query by specific fields.");
  return keywords.map((keyword) => keyword.toLowerCase());
}

/** Words of every value in the event: whole values, their whitespace- and `/`-separated words, and hyphen parts. */
function wordsOf(event: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(event)) for (const item of event) wordsOf(item, into);
  else if (typeof event === "object" && event !== null) for (const value of Object.values(event)) wordsOf(value, into);
  else if (typeof event === "string" || typeof event === "number" || typeof event === "boolean") {
    const whole = String(event).toLowerCase();
    into.add(whole);
    for (const word of whole.split(/[\s/]+/)) {
      into.add(word);
      for (const part of word.split("-")) into.add(part);
    }
  }
  return into;
}

function matchesKeywords(event: unknown, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  const words = wordsOf(event);
  return keywords.every((keyword) => words.has(keyword));
}

function encodeCursor(cursor: Cursor): string {
  const raw = cursor.kind === "polling" ? `p:${cursor.seq}` : `b:${cursor.publishedMs}:${cursor.seq}`;
  return Buffer.from(raw).toString("base64url");
}

/** The cursor of one of our `next` links, for the same kind of request; anything else is refused. */
function decodeCursor(value: string, kind: Cursor["kind"]): Cursor {
  const raw = Buffer.from(value, "base64url").toString("utf8");
  const polling = /^p:(\d+)$/.exec(raw);
  if (kind === "polling" && polling) return { kind, seq: Number(polling[1]) };
  const bounded = /^b:(-?\d+):(\d+)$/.exec(raw);
  if (kind === "bounded" && bounded) return { kind, publishedMs: Number(bounded[1]), seq: Number(bounded[2]) };
  throw E.invalidLogQuery("Invalid parameter: The after parameter is not a valid cursor for this query.");
}
