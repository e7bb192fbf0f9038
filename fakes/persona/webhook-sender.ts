/**
 * Sends (or, with `dryRun`, only builds) one webhook delivery the way Persona does (docs/persona.md §2): POST of the
 * JSON event body with `Persona-Signature`, `Persona-Webhook-Attempts-Made`, `Persona-Webhook-Attempts-Left` and
 * `Persona-Webhook-First-Attempted-At`. Re-sending an event keeps its id and exact bytes and counts the attempt, as
 * a retry does; switches produce the deliveries a receiver must refuse (bad, missing or stale signatures).
 */
import { z } from "zod";
import type { Env } from "./env";
import { newEventId, newWebhookSecret } from "./ids";
import { INFLECTIONS, type Inflection } from "./inflection";
import { SeedError, Timestamp } from "./seed-input";
import { eventBody, payloadFor } from "./webhook-events";
import { signatureHeader } from "./webhook-signature";

/** Persona's 2021 docs: up to 8 attempts. `Attempts-Left` counts down from there unless given. */
export const MAX_ATTEMPTS = 8;

export const SIGNATURE_MODES = ["valid", "wrong-secret", "tampered", "missing", "malformed"] as const;

const SendInput = z
  .object({
    url: z.url().optional(),
    secret: z.string().min(1).optional(),
    /** Secret rotation: one `t=…,v1=…` set per secret, space-separated (old, new). */
    secrets: z.array(z.string().min(1)).min(1).max(2).optional(),
    event: z
      .object({
        name: z.string().regex(/^[a-z-]+\.[a-z-]+$/),
        id: z
          .string()
          .regex(/^evt_[A-Za-z0-9]+$/)
          .optional(),
        createdAt: Timestamp.optional(),
        /** The object the event is about, rendered from the environment's state… */
        objectId: z.string().optional(),
        /** …or the payload as given. */
        payload: z.object({ data: z.unknown(), included: z.array(z.unknown()).optional() }).optional(),
      })
      .strict()
      .optional(),
    /** Re-send an event sent before: same id, same bytes, the next attempt. */
    eventId: z.string().optional(),
    /** A prebuilt body, sent verbatim (a string is sent as is, an object as JSON). */
    body: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    timestampOffsetSeconds: z.number().int().optional(),
    attemptsMade: z.number().int().min(1).optional(),
    attemptsLeft: z.number().int().min(0).optional(),
    signature: z.enum(SIGNATURE_MODES).optional(),
    /** Sent verbatim as `Persona-Signature`, overriding everything about the signature. */
    signatureHeader: z.string().optional(),
    keyInflection: z.enum(INFLECTIONS).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    dryRun: z.boolean().optional(),
    timeoutMs: z.number().int().min(1).max(120_000).optional(),
  })
  .strict();

export interface DeliveryResult {
  eventId: string | null;
  delivered: boolean;
  /** The receiver's status (0 when it could not be reached or on a dry run). */
  status: number;
  /** The receiver's body, as text. */
  body: string;
  error?: string;
  request: { url: string | null; method: "POST"; headers: Record<string, string>; body: string };
}

export type Delivery = z.infer<typeof SendInput>;

export async function sendWebhook(env: Env, input: unknown, nowMs: number, fetchImpl: typeof fetch): Promise<DeliveryResult> {
  return deliver(env, parseDelivery(input), nowMs, fetchImpl);
}

/** Checks a delivery's options (SeedError when they are wrong) without building or sending anything. */
export function parseDelivery(input: unknown): Delivery {
  const parsed = SendInput.safeParse(input);
  if (!parsed.success) throw new SeedError(`webhook: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`).join("; ")}`);
  const send = parsed.data;
  const sources = [send.event, send.eventId, send.body].filter((source) => source !== undefined).length;
  if (sources !== 1) throw new SeedError("webhook: give exactly one of event, eventId or body");
  if (send.url === undefined && send.dryRun !== true) throw new SeedError("webhook: url is required unless dryRun");
  const secrets = send.secrets ?? (send.secret === undefined ? undefined : [send.secret]);
  if (secrets === undefined && send.signatureHeader === undefined && send.signature !== "missing") {
    throw new SeedError('webhook: give secret or secrets (or signature: "missing", or signatureHeader)');
  }
  return send;
}

/** Builds (or replays) the event of a checked delivery, signs it and sends it. */
export async function deliver(env: Env, send: Delivery, nowMs: number, fetchImpl: typeof fetch): Promise<DeliveryResult> {
  const secrets = send.secrets ?? (send.secret === undefined ? undefined : [send.secret]);
  const { eventId, rawBody } = eventToSend(env, send, nowMs);
  const t = Math.floor(nowMs / 1000) + (send.timestampOffsetSeconds ?? 0);
  const record = eventId === null ? undefined : env.webhookEvents.get(eventId);
  const attemptsMade = send.attemptsMade ?? (record?.attemptsMade ?? 0) + 1;
  const firstAttemptedAt = record?.firstAttemptedAt ?? t;
  if (record) {
    record.attemptsMade = attemptsMade;
    record.firstAttemptedAt = firstAttemptedAt;
  }

  let sentBody = rawBody;
  let signature: string | undefined;
  switch (send.signature ?? "valid") {
    case "valid":
      signature = signatureHeader(secrets ?? [], t, rawBody);
      break;
    case "wrong-secret":
      signature = signatureHeader([newWebhookSecret()], t, rawBody);
      break;
    case "tampered":
      signature = signatureHeader(secrets ?? [], t, rawBody);
      sentBody = `${rawBody} `; // the same JSON, other bytes: only a raw-body check notices
      break;
    case "malformed":
      signature = `t=${t},v1=not-a-digest`;
      break;
    case "missing":
      signature = undefined;
      break;
  }
  if (send.signatureHeader !== undefined) signature = send.signatureHeader;

  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Persona-Webhooks/1.0",
    ...(signature === undefined ? {} : { "persona-signature": signature }),
    "persona-webhook-attempts-made": String(attemptsMade),
    "persona-webhook-attempts-left": String(send.attemptsLeft ?? Math.max(0, MAX_ATTEMPTS - attemptsMade)),
    "persona-webhook-first-attempted-at": String(firstAttemptedAt),
    ...send.headers,
  };
  const request = { url: send.url ?? null, method: "POST" as const, headers, body: sentBody };
  if (send.dryRun === true || send.url === undefined) return { eventId, delivered: false, status: 0, body: "", request };

  try {
    const response = await fetchImpl(send.url, {
      method: "POST",
      headers,
      body: sentBody,
      redirect: "manual",
      signal: AbortSignal.timeout(send.timeoutMs ?? 10_000),
    });
    return { eventId, delivered: true, status: response.status, body: await response.text(), request };
  } catch (error) {
    return { eventId, delivered: false, status: 0, body: "", error: (error as Error).message, request };
  }
}

/** The event's id and exact bytes: built from `event`, replayed from `eventId`, or a prebuilt `body`. */
function eventToSend(env: Env, send: Delivery, nowMs: number): { eventId: string | null; rawBody: string } {
  if (send.eventId !== undefined) {
    const known = env.webhookEvents.get(send.eventId);
    if (!known) throw new SeedError(`webhook: no event ${send.eventId} was sent from this environment`);
    return { eventId: known.eventId, rawBody: known.rawBody };
  }
  if (send.body !== undefined) {
    const rawBody = typeof send.body === "string" ? send.body : JSON.stringify(send.body);
    const eventId = eventIdOf(rawBody);
    if (eventId !== null && !env.webhookEvents.has(eventId))
      env.webhookEvents.set(eventId, { eventId, name: "", rawBody, firstAttemptedAt: null, attemptsMade: 0 });
    return { eventId, rawBody };
  }
  return recordEvent(env, send.event!, nowMs, send.keyInflection);
}

/**
 * Builds an event from the object's current state (or a given payload) and records it, not yet attempted, so
 * `GET /webhooks/events` lists it and a delivery by `eventId` sends these exact bytes.
 */
export function recordEvent(env: Env, event: NonNullable<Delivery["event"]>, nowMs: number, inflection?: Inflection): { eventId: string; rawBody: string } {
  if ((event.objectId === undefined) === (event.payload === undefined)) throw new SeedError("webhook: an event needs exactly one of objectId or payload");
  const payload = event.payload ?? payloadFor(env, event.objectId!);
  if (payload === undefined) throw new SeedError(`webhook: no object ${event.objectId} in this environment`);
  const eventId = event.id ?? newEventId();
  if (env.webhookEvents.has(eventId)) throw new SeedError(`webhook: event ${eventId} was already sent; re-send it with eventId`);
  const createdAt = event.createdAt ?? new Date(nowMs).toISOString();
  const rawBody = JSON.stringify(eventBody({ id: eventId, name: event.name, createdAt, payload }, inflection));
  env.webhookEvents.set(eventId, { eventId, name: event.name, rawBody, firstAttemptedAt: null, attemptsMade: 0 });
  return { eventId, rawBody };
}

function eventIdOf(rawBody: string): string | null {
  try {
    const id = (JSON.parse(rawBody) as { data?: { id?: unknown } }).data?.id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
