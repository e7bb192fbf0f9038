/**
 * Control API routes for an org's System Log and event hooks (README.md, "System Log and event hooks"):
 * - `POST|GET|DELETE /orgs/:org/log-events`: seed events (validated against the LogEvent schema), read, clear;
 * - `POST|GET /orgs/:org/event-hooks`, `GET|PATCH|DELETE /orgs/:org/event-hooks/:id`: register (and verify), read,
 *   change, remove a hook;
 * - `POST /orgs/:org/event-hooks/:id/verify`: run Okta's verification again;
 * - `POST /orgs/:org/event-hooks/:id/deliver`: deliver pending or chosen events now, build the request without
 *   sending it (`dryRun`), or send an earlier batch again with the same eventId and bytes (`redeliver`).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ControlError } from "../shared/control-error";
import { type Delivery, EventHookError, type EventHookRecord, type EventHooks } from "./event-hooks";
import { checkHookUrl } from "./hook-http";
import type { FakeResponse } from "./http";
import { newRequestId } from "./ids";
import { completeSeed, EVENT_TYPE_PATTERN, LogEventSeedSchema, renderLogEvent } from "./log-event";
import { DuplicateUuidError, type LogRecord } from "./log-store";
import type { Org } from "./org";

const EVENT_TYPE = z.string().regex(EVENT_TYPE_PATTERN, "must be an event type such as user.lifecycle.suspend");
const Header = z.strictObject({ key: z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be a header name"), value: z.string() });
const HookUrl = z.string().superRefine((value, ctx) => {
  const problem = checkHookUrl(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const HookFields = {
  url: HookUrl,
  name: z.string().min(1).max(255),
  authorization: Header,
  headers: z.array(Header).max(20),
  events: z.array(EVENT_TYPE).min(1).max(200),
  delivery: z.enum(["auto", "manual"]),
  batchWindowMs: z.number().int().min(0).max(60_000),
  maxBatchEvents: z.number().int().min(1).max(1000),
  timeoutMs: z.number().int().min(100).max(30_000),
};
const HookCreate = z
  .strictObject({ ...HookFields, verify: z.boolean().default(true) })
  .partial()
  .required({ url: true, events: true });
const HookPatch = z.strictObject({ ...HookFields, status: z.enum(["ACTIVE", "INACTIVE"]) }).partial();
const Deliver = z.strictObject({
  events: z.union([z.literal("pending"), z.array(z.string().min(1)).min(1)]).optional(),
  redeliver: z.string().min(1).optional(),
  dryRun: z.boolean().default(false),
});

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new ControlError(400, `${what}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ")}`);
  return parsed.data;
}

/** `parts` are the path segments after `/orgs/:org/`. */
export async function handleLogControl(org: Org, method: string, parts: readonly string[], body: unknown, nowMs: number): Promise<FakeResponse> {
  try {
    return await route(org, method, parts, body, nowMs);
  } catch (error) {
    if (error instanceof EventHookError || error instanceof DuplicateUuidError)
      throw new ControlError(error instanceof EventHookError ? error.status : 409, error.message);
    throw error;
  }
}

async function route(org: Org, method: string, parts: readonly string[], body: unknown, nowMs: number): Promise<FakeResponse> {
  const [collection, id, action, ...extra] = parts;
  const hooks = org.eventHooks;
  if (extra.length > 0) throw new ControlError(404, `no control route ${method} ${parts.join("/")}`);
  const key = `${method} ${collection}${id === undefined ? "" : "/:id"}${action === undefined ? "" : `/${action}`}`;
  switch (key) {
    case "POST log-events": {
      const seeds = (Array.isArray(body) ? body : [body]).map((item, index) => parse(LogEventSeedSchema, item, `log event ${index}`));
      const events = seeds.map((seed) => completeSeed(seed, nowMs, { uuid: randomUUID, transactionId: newRequestId }));
      return { status: 201, body: org.logs.append(events, nowMs).map((record) => renderLogEvent(record.event, org.options)) };
    }
    case "GET log-events":
      return { status: 200, body: org.logs.all().map((record) => renderLogEvent(record.event, org.options)) };
    case "DELETE log-events":
      org.logs.clear();
      return { status: 204 };
    case "POST event-hooks": {
      const { verify, ...input } = parse(HookCreate, body, "event hook");
      const hook = hooks.create(input);
      // `.partial()` drops the default: a hook is verified unless `verify: false` says otherwise.
      if (verify !== false) await hooks.verify(hook);
      return { status: 201, body: describeHook(org, hook) };
    }
    case "GET event-hooks":
      return { status: 200, body: hooks.list().map((hook) => describeHook(org, hook)) };
    case "GET event-hooks/:id":
      return { status: 200, body: describeHook(org, hooks.get(id!)) };
    case "PATCH event-hooks/:id":
      return { status: 200, body: describeHook(org, hooks.update(hooks.get(id!), parse(HookPatch, body, "event hook"))) };
    case "DELETE event-hooks/:id":
      hooks.delete(id!);
      return { status: 204 };
    case "POST event-hooks/:id/verify": {
      const hook = hooks.get(id!);
      await hooks.verify(hook);
      return { status: 200, body: describeHook(org, hook) };
    }
    case "POST event-hooks/:id/deliver":
      return { status: 200, body: await deliver(hooks, hooks.get(id!), parse(Deliver, body, "deliver"), org) };
    default:
      throw new ControlError(404, `no control route ${method} ${parts.join("/")}`);
  }
}

async function deliver(hooks: EventHooks, hook: EventHookRecord, input: z.infer<typeof Deliver>, org: Org) {
  if (input.events !== undefined && input.redeliver !== undefined) throw new ControlError(400, "deliver: give events or redeliver, not both");
  if (!input.dryRun && !hooks.receives(hook)) {
    throw new ControlError(409, `event hook ${hook.id} is ${hook.status} and ${hook.verificationStatus}; only an ACTIVE, VERIFIED hook receives events`);
  }
  let delivery: Delivery;
  if (input.redeliver !== undefined) {
    const earlier = hook.deliveries.find((candidate) => candidate.eventId === input.redeliver);
    if (!earlier) throw new ControlError(404, `event hook ${hook.id} has no delivery ${input.redeliver}`);
    delivery = { ...earlier, trigger: "redeliver", dryRun: input.dryRun, delivered: false, attempts: [] };
    hook.deliveries.push(delivery);
  } else {
    let records: LogRecord[];
    if (input.events === undefined || input.events === "pending") {
      records = hooks.pendingRecords(hook, !input.dryRun);
      if (records.length === 0) throw new ControlError(409, `event hook ${hook.id} has no pending events`);
    } else {
      records = input.events.map((uuid) => {
        const record = org.logs.get(uuid);
        if (!record) throw new ControlError(404, `no log event ${uuid}`);
        if (!hooks.subscribes(hook, record))
          throw new ControlError(400, `event hook ${hook.id} does not subscribe to ${record.event.eventType} (event ${uuid})`);
        return record;
      });
      if (!input.dryRun) hook.pending = hook.pending.filter((uuid) => !input.events!.includes(uuid));
    }
    delivery = hooks.prepare(hook, records, "manual", input.dryRun);
  }
  if (!input.dryRun) await hooks.send(hook, delivery);
  const last = delivery.attempts[delivery.attempts.length - 1];
  return { ...delivery, status: last?.status ?? 0, body: last?.body ?? "", ...(last?.error ? { error: last.error } : {}) };
}

/** The fake's view of a hook (secrets included: this is a test tool) and, as `okta`, Okta's EventHook object. */
function describeHook(org: Org, hook: EventHookRecord) {
  const href = `${org.orgUrl}/api/v1/eventHooks/${hook.id}`;
  const okta = {
    id: hook.id,
    status: hook.status,
    verificationStatus: hook.verificationStatus,
    name: hook.name,
    description: null,
    created: hook.created,
    lastUpdated: hook.lastUpdated,
    events: { type: "EVENT_TYPE", items: hook.events, filter: null },
    channel: {
      type: "HTTP",
      version: "1.0.0",
      config: {
        uri: hook.url,
        headers: hook.headers,
        method: "POST",
        ...(hook.authorization ? { authScheme: { type: "HEADER", key: hook.authorization.key } } : {}),
      },
    },
    _links: {
      self: { href, hints: { allow: ["GET", "PUT", "DELETE"] } },
      verify: { href: `${href}/lifecycle/verify`, hints: { allow: ["POST"] } },
      [hook.status === "ACTIVE" ? "deactivate" : "activate"]: {
        href: `${href}/lifecycle/${hook.status === "ACTIVE" ? "deactivate" : "activate"}`,
        hints: { allow: ["POST"] },
      },
    },
  };
  return { ...hook, authorization: hook.authorization ?? null, okta };
}
