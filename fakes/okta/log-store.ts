/**
 * An org's System Log: every event in the order Okta persisted it. `published` is when the event happened (a seed
 * may set it in the past); the persistence time is when the fake stored it. Okta's polling queries filter and order by
 * persistence time and bounded queries by `published` (developer.okta.com/docs/reference/api/system-log/, "Request
 * types"), so both are kept. Listeners (the org's event hooks) hear of each appended batch.
 */
import type { LogEvent } from "./log-event";

export interface LogRecord {
  /** Persistence order, from 1. */
  seq: number;
  persistedAtMs: number;
  publishedMs: number;
  event: LogEvent;
}

export class DuplicateUuidError extends Error {}

export class LogStore {
  private records: LogRecord[] = [];
  private readonly byUuid = new Map<string, LogRecord>();
  private nextSeq = 1;
  private readonly listeners: ((records: readonly LogRecord[]) => void)[] = [];

  /** Stores a batch (all or nothing: a uuid already in the log refuses the whole batch) and tells the listeners. */
  append(events: readonly LogEvent[], nowMs: number): LogRecord[] {
    const seen = new Set<string>();
    for (const event of events) {
      if (this.byUuid.has(event.uuid) || seen.has(event.uuid)) throw new DuplicateUuidError(`an event with uuid ${event.uuid} is already in the log`);
      seen.add(event.uuid);
    }
    const added = events.map((event) => ({ seq: this.nextSeq++, persistedAtMs: nowMs, publishedMs: Date.parse(event.published), event }));
    for (const record of added) {
      this.records.push(record);
      this.byUuid.set(record.event.uuid, record);
    }
    for (const listener of this.listeners) listener(added);
    return added;
  }

  all(): readonly LogRecord[] {
    return this.records;
  }

  get(uuid: string): LogRecord | undefined {
    return this.byUuid.get(uuid);
  }

  clear(): void {
    this.records = [];
    this.byUuid.clear();
  }

  onAppend(listener: (records: readonly LogRecord[]) => void): void {
    this.listeners.push(listener);
  }
}
