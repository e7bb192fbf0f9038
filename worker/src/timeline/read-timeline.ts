import type { AuditEntry } from "../../../shared/audit";
import { isAppError } from "../../../shared/errors";
import type { LogEvent } from "../../../shared/okta-log-event";
import type { PersonaContext } from "../../../shared/persona";
import type { TimelineItem, TimelinePage, TimelineQuery, TimelineSource } from "../../../shared/timeline";
import { auditItems } from "./audit-items";
import { oktaItems } from "./okta-events";
import { type Cursor, decodeCursor, pageOf } from "./page";
import { personaItems } from "./persona-items";

/** Okta keeps 90 days of System Log: the default lower bound. */
export const DEFAULT_WINDOW_MS = 90 * 24 * 3600_000;
/** Extra Okta events read beyond the page, so that a sign-in's novelty is judged against earlier ones. */
const LOOKBACK_EVENTS = 50;
/** How many of the user's audit entries a page may draw from. */
export const AUDIT_WINDOW = 200;

/** What reading a timeline needs from the organization's gate. */
export type TimelinePorts = {
  /** Okta's System Log, newest first (throws an AppError when Okta refuses). */
  oktaLogs(query: URLSearchParams): Promise<LogEvent[]>;
  /** The admin console link of one System Log event, when the console is known. */
  systemLogUrl(uuid: string): string | undefined;
  /** Whether this product caused the event (its request is in our audit, or its client is ours). */
  ours(event: LogEvent): boolean;
  /** The user's Persona context (never throws: a failure is inside). */
  persona(): Promise<PersonaContext>;
  /** The user's newest audit entries; null when the caller may not read the audit. */
  audit(limit: number): AuditEntry[] | null;
};

type SourceRead = { items: TimelineItem[]; more: boolean };
type SourceError = { code: string; message: string };

/** A source that answered, but with its own failure (Persona's context carries one; a viewer has no audit). */
class SourceFailure extends Error {
  constructor(readonly failure: SourceError) {
    super(failure.message);
  }
}

const failureOf = (error: unknown): SourceError =>
  error instanceof SourceFailure
    ? error.failure
    : isAppError(error)
      ? { code: error.code, message: error.message }
      : { code: "internal_error", message: "the source could not be read" };

/**
 * One page of a user's timeline (docs/timeline.md): the three sources read concurrently, each at or before the
 * cursor, merged newest first. A failing source is reported in `errors` and never hides the others.
 */
export async function readTimeline(ports: TimelinePorts, userId: string, query: TimelineQuery, nowMs: number): Promise<TimelinePage> {
  const cursor: Cursor | null = query.after ? decodeCursor(query.after) : null;
  const untilMs = query.until ? Date.parse(query.until) : nowMs;
  const sinceMs = query.since ? Date.parse(query.since) : untilMs - DEFAULT_WINDOW_MS;
  const ceilingMs = cursor ? Math.min(Date.parse(cursor.t), untilMs) : untilMs;
  const wanted = query.limit + (cursor?.ids.length ?? 0);
  const sources = new Set<TimelineSource>(query.sources ?? ["okta", "persona", "audit"]);
  const errors: TimelinePage["errors"] = {};

  const okta = async (): Promise<SourceRead> => {
    const limit = Math.min(1000, wanted + LOOKBACK_EVENTS);
    const logs = new URLSearchParams({
      // An Okta user ID is alphanumeric (validated by the route), so it cannot break out of the quotes.
      filter: `target.id eq "${userId}" or actor.id eq "${userId}"`,
      since: new Date(sinceMs).toISOString(),
      // Okta's bound excludes it: one millisecond on includes the cursor's own time (its IDs are dropped).
      until: new Date(ceilingMs + 1).toISOString(),
      sortOrder: "DESCENDING",
      limit: String(limit),
    });
    const events = await ports.oktaLogs(logs);
    return { items: oktaItems(events, ports.systemLogUrl, ports.ours), more: events.length >= limit };
  };
  const persona = async (): Promise<SourceRead> => {
    const context = await ports.persona();
    if (context.error) throw new SourceFailure({ code: context.error.code, message: context.error.message });
    return { items: personaItems(context), more: false };
  };
  const audit = async (): Promise<SourceRead> => {
    const entries = ports.audit(AUDIT_WINDOW);
    if (entries === null) throw new SourceFailure({ code: "forbidden", message: "the audit needs the operator role" });
    return { items: auditItems(entries), more: entries.length >= AUDIT_WINDOW };
  };

  const readers: Record<TimelineSource, () => Promise<SourceRead>> = { okta, persona, audit };
  const reads = await Promise.all(
    [...sources].map(async (source) => {
      try {
        return await readers[source]();
      } catch (error) {
        errors[source] = failureOf(error);
        return { items: [], more: false };
      }
    }),
  );
  const page = pageOf(
    reads.flatMap((read) => read.items),
    { sinceMs, untilMs, limit: query.limit, cursor, more: reads.some((read) => read.more) },
  );
  return { ...page, errors };
}
