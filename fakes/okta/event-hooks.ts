/**
 * An org's event hooks (developer.okta.com/docs/concepts/event-hooks/), registered through the control API:
 * - **Verification**: a one-time GET to the hook's URL with `X-Okta-Verification-Challenge: <random>` plus the
 *   hook's auth and custom headers. It succeeds when the answer is 200 with the JSON `{"verification": "<the same
 *   value>"}`; after a failure (timeout, other status, other body) Okta tries once more. Only an ACTIVE, VERIFIED
 *   hook receives events.
 * - **Delivery**: a POST of `{eventType: "com.okta.event_hook", eventTypeVersion: "1.0", cloudEventsVersion: "0.1",
 *   contentType: "application/json", eventId, eventTime, source: <orgUrl>/api/v1/eventHooks/<id>, data: {events}}`
 *   with `Accept` and `Content-Type: application/json`, the auth header and the custom headers. Events of the
 *   subscribed types that are logged close together go in one request. A timeout or a 5xx is retried once, a 4xx is
 *   not; delivery is best effort, and a failed one is logged as `event_hook.delivery` (FAILURE).
 * - With `delivery: "manual"` matching events wait in `pending` until the control API delivers them, so a test can
 *   choose the moment, inspect the request without sending it (dry run), or send the same batch again.
 * The fake writes `event_hook.verified` on each verification. Neither of its own events is delivered to a hook.
 */
import { randomUUID } from "node:crypto";
import { HOOK_TIMEOUT_MS, type HookAmbient, type HookAttempt, type HookRequest, sendWithRetry } from "./hook-http";
import { alnum, opaque } from "./ids";
import { type LogEvent, renderLogEvent, SYSTEM_ACTOR } from "./log-event";
import type { LogRecord, LogStore } from "./log-store";

export const MAX_EVENT_HOOKS = 25;
/** Okta does not document how many events one request carries; the fake sends at most this many by default. */
export const DEFAULT_MAX_BATCH_EVENTS = 100;

export interface HookHeader {
  key: string;
  value: string;
}

export type VerificationFailure = "TIMEOUT" | "UNREACHABLE" | "HTTP_STATUS" | "NOT_JSON" | "WRONG_VALUE";

export interface Verification {
  result: "VERIFIED" | "FAILED";
  reason?: VerificationFailure;
  message?: string;
  challenge: string;
  request: HookRequest;
  attempts: HookAttempt[];
}

export interface Delivery {
  eventId: string;
  uuids: string[];
  trigger: "auto" | "manual" | "redeliver";
  dryRun: boolean;
  delivered: boolean;
  request: HookRequest & { body: string };
  attempts: HookAttempt[];
}

export interface EventHookRecord {
  id: string;
  name: string;
  url: string;
  authorization?: HookHeader;
  headers: HookHeader[];
  events: string[];
  status: "ACTIVE" | "INACTIVE";
  verificationStatus: "UNVERIFIED" | "VERIFIED";
  verification: Verification | null;
  delivery: "auto" | "manual";
  batchWindowMs: number;
  /** At most this many events per request; more pending events go in the next request. */
  maxBatchEvents: number;
  timeoutMs: number;
  pending: string[];
  deliveries: Delivery[];
  created: string;
  lastUpdated: string;
}

export type HookInput = Pick<EventHookRecord, "url" | "events"> &
  Partial<Pick<EventHookRecord, "name" | "authorization" | "headers" | "delivery" | "batchWindowMs" | "maxBatchEvents" | "timeoutMs">>;

/** What the registry needs of its org (the org's URL changes once a dedicated port is bound, so it is read late). */
export interface HookHost {
  readonly orgUrl: string;
  readonly logs: LogStore;
  readonly options: { logEventNulls: boolean };
}

export class EventHookError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class EventHooks {
  private readonly hooks = new Map<string, EventHookRecord>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly flushing = new Set<string>();
  /** Events the hook machinery logs itself; never delivered (a failing hook must not feed itself). */
  private readonly internal = new Set<string>();

  constructor(
    private readonly host: HookHost,
    private readonly ambient: HookAmbient,
  ) {
    host.logs.onAppend((records) => this.onAppend(records));
  }

  list(): EventHookRecord[] {
    return [...this.hooks.values()];
  }

  get(id: string): EventHookRecord {
    const hook = this.hooks.get(id);
    if (!hook) throw new EventHookError(404, `no event hook ${id}`);
    return hook;
  }

  create(input: HookInput): EventHookRecord {
    if (this.hooks.size >= MAX_EVENT_HOOKS) throw new EventHookError(400, `an org has at most ${MAX_EVENT_HOOKS} event hooks`);
    const iso = new Date(this.ambient.now()).toISOString();
    const hook: EventHookRecord = {
      id: `who${alnum(17)}`,
      name: input.name ?? "Event Hook",
      url: input.url,
      ...(input.authorization ? { authorization: input.authorization } : {}),
      headers: input.headers ?? [],
      events: input.events,
      status: "ACTIVE",
      verificationStatus: "UNVERIFIED",
      verification: null,
      delivery: input.delivery ?? "auto",
      batchWindowMs: input.batchWindowMs ?? 0,
      maxBatchEvents: input.maxBatchEvents ?? DEFAULT_MAX_BATCH_EVENTS,
      timeoutMs: input.timeoutMs ?? HOOK_TIMEOUT_MS,
      pending: [],
      deliveries: [],
      created: iso,
      lastUpdated: iso,
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  /** Changing the URL or the auth header needs a new verification, as changing Okta's `channel` does. */
  update(
    hook: EventHookRecord,
    patch: Partial<
      Pick<EventHookRecord, "url" | "authorization" | "headers" | "events" | "status" | "delivery" | "batchWindowMs" | "maxBatchEvents" | "timeoutMs">
    >,
  ): EventHookRecord {
    if ((patch.url !== undefined && patch.url !== hook.url) || patch.authorization !== undefined || patch.headers !== undefined) {
      hook.verificationStatus = "UNVERIFIED";
    }
    Object.assign(hook, patch, { lastUpdated: new Date(this.ambient.now()).toISOString() });
    if (hook.status === "INACTIVE") hook.pending = [];
    return hook;
  }

  delete(id: string): void {
    this.get(id);
    this.hooks.delete(id);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Okta's one-time verification request; the hook becomes VERIFIED only on the exact echo. */
  async verify(hook: EventHookRecord): Promise<Verification> {
    const challenge = opaque(24);
    const request: HookRequest = { url: hook.url, method: "GET", headers: { ...this.baseHeaders(hook), "x-okta-verification-challenge": challenge } };
    const judge = (answer: HookAttempt): Pick<Verification, "reason" | "message"> | undefined => {
      if (answer.error) return { reason: answer.error, message: answer.message };
      if (answer.status !== 200) return { reason: "HTTP_STATUS", message: `the endpoint answered ${answer.status}, not 200` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        return { reason: "NOT_JSON", message: "the answer is not JSON" };
      }
      const echoed = (parsed as { verification?: unknown } | null)?.verification;
      if (echoed !== challenge) return { reason: "WRONG_VALUE", message: 'the answer\'s "verification" is not the challenge that was sent' };
      return undefined;
    };
    const attempts = await sendWithRetry(this.ambient, request, hook.timeoutMs, (first) => judge(first) !== undefined);
    const failure = judge(attempts[attempts.length - 1]!);
    const verification: Verification = { result: failure ? "FAILED" : "VERIFIED", ...failure, challenge, request, attempts };
    hook.verification = verification;
    hook.verificationStatus = failure ? "UNVERIFIED" : "VERIFIED";
    hook.lastUpdated = new Date(this.ambient.now()).toISOString();
    this.logInternal("event_hook.verified", "Event hook verified", hook, failure ? { result: "FAILURE", reason: failure.reason } : { result: "SUCCESS" });
    return verification;
  }

  /** Whether the hook may receive events at all (Okta: "Only ACTIVE and VERIFIED event hooks can receive events"). */
  receives(hook: EventHookRecord): boolean {
    return hook.status === "ACTIVE" && hook.verificationStatus === "VERIFIED";
  }

  /** The request a delivery of these events would make, recorded so it can be sent (again) later. */
  prepare(hook: EventHookRecord, records: readonly LogRecord[], trigger: Delivery["trigger"], dryRun: boolean): Delivery {
    const eventId = randomUUID();
    const body = JSON.stringify({
      eventType: "com.okta.event_hook",
      eventTypeVersion: "1.0",
      cloudEventsVersion: "0.1",
      contentType: "application/json",
      eventId,
      eventTime: new Date(this.ambient.now()).toISOString(),
      source: `${this.host.orgUrl}/api/v1/eventHooks/${hook.id}`,
      data: { events: records.map((record) => renderLogEvent(record.event, this.host.options)) },
    });
    const request = { url: hook.url, method: "POST" as const, headers: { ...this.baseHeaders(hook), "content-type": "application/json" }, body };
    const delivery: Delivery = { eventId, uuids: records.map((record) => record.event.uuid), trigger, dryRun, delivered: false, request, attempts: [] };
    hook.deliveries.push(delivery);
    return delivery;
  }

  /** Sends a prepared (or earlier) delivery: the same eventId and bytes each time. A timeout or 5xx is retried once. */
  async send(hook: EventHookRecord, delivery: Delivery): Promise<HookAttempt[]> {
    const request = { ...delivery.request, url: hook.url };
    const attempts = await sendWithRetry(this.ambient, request, hook.timeoutMs, (first) => first.status === 0 || first.status >= 500);
    delivery.attempts.push(...attempts);
    const last = attempts[attempts.length - 1]!;
    delivery.delivered = last.status >= 200 && last.status < 300;
    if (!delivery.delivered) {
      const reason = last.error ?? `HTTP ${last.status}`;
      this.logInternal("event_hook.delivery", "Event hook delivery failed", hook, { result: "FAILURE", reason });
    }
    return attempts;
  }

  /** The next batch of events waiting for this hook (at most `maxBatchEvents`, in log order); `take` removes them. */
  pendingRecords(hook: EventHookRecord, take: boolean): LogRecord[] {
    const records = hook.pending
      .map((uuid) => this.host.logs.get(uuid))
      .filter((record) => record !== undefined)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, hook.maxBatchEvents);
    if (take) {
      const taken = new Set(records.map((record) => record.event.uuid));
      hook.pending = hook.pending.filter((uuid) => !taken.has(uuid) && this.host.logs.get(uuid) !== undefined);
    }
    return records;
  }

  subscribes(hook: EventHookRecord, record: LogRecord): boolean {
    return hook.events.includes(record.event.eventType) && !this.internal.has(record.event.uuid);
  }

  private baseHeaders(hook: EventHookRecord): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json" };
    for (const { key, value } of hook.headers) headers[key.toLowerCase()] = value;
    if (hook.authorization) headers[hook.authorization.key.toLowerCase()] = hook.authorization.value;
    return headers;
  }

  private onAppend(records: readonly LogRecord[]): void {
    for (const hook of this.hooks.values()) {
      if (!this.receives(hook)) continue;
      const matching = records.filter((record) => this.subscribes(hook, record));
      if (matching.length === 0) continue;
      hook.pending.push(...matching.map((record) => record.event.uuid));
      if (hook.delivery === "auto") this.schedule(hook);
    }
  }

  private schedule(hook: EventHookRecord): void {
    if (this.timers.has(hook.id) || this.flushing.has(hook.id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(hook.id);
      void this.flush(hook);
    }, hook.batchWindowMs);
    timer.unref?.();
    this.timers.set(hook.id, timer);
  }

  /** Automatic delivery: everything pending in one request; events logged meanwhile go in the next one. */
  private async flush(hook: EventHookRecord): Promise<void> {
    if (!this.hooks.has(hook.id) || !this.receives(hook) || hook.delivery !== "auto") return;
    const records = this.pendingRecords(hook, true);
    if (records.length === 0) return;
    this.flushing.add(hook.id);
    try {
      await this.send(hook, this.prepare(hook, records, "auto", false));
    } finally {
      this.flushing.delete(hook.id);
      if (hook.pending.length > 0) this.schedule(hook);
    }
  }

  private logInternal(eventType: string, displayMessage: string, hook: EventHookRecord, outcome: LogEvent["outcome"]): void {
    const nowMs = this.ambient.now();
    const uuid = randomUUID();
    this.internal.add(uuid);
    this.host.logs.append(
      [
        {
          uuid,
          published: new Date(nowMs).toISOString(),
          eventType,
          version: "0",
          severity: outcome.result === "SUCCESS" ? "INFO" : "WARN",
          displayMessage,
          actor: SYSTEM_ACTOR,
          outcome,
          target: [{ id: hook.id, type: "EventHook", alternateId: hook.name, displayName: hook.name }],
          transaction: { type: "JOB", id: opaque(20).slice(0, 27), detail: {} },
          debugContext: { debugData: { eventHookId: hook.id } },
          request: { ipChain: [] },
        },
      ],
      nowMs,
    );
  }
}
