/**
 * The control API's side of a verification inquiry, standing in for the person and for Persona's decisioning:
 * - `POST /envs/:env/inquiries/:id/verified-fields` sets what the person's ID document said: the values are merged
 *   into the inquiry's `fields`, which is where Persona reports them (`GET /inquiries/{id}`, `attributes.fields`);
 *   fields it does not name keep their value, the prefill included, as on Persona;
 * - `POST /envs/:env/inquiries/:id/transition` changes the status (inquiry-transitions.ts) and sends the matching
 *   `inquiry.*` event through the webhook sender, signed as Persona signs it.
 * And the control API's read of an inquiry: its API form plus, as JSON:API `meta`, what Persona does not serialize.
 */
import type { FakeResponse } from "../okta/http";
import { ControlError } from "../shared/control-error";
import { bad, object } from "./control-input";
import type { Env } from "./env";
import { type InquiryRecord, renderInquiry } from "./inquiries";
import { InquiryFieldError, inquiryFields } from "./inquiry-fields";
import { TRANSITION_STATUSES, TRANSITIONS, TransitionError, type TransitionStatus, transitionInquiry } from "./inquiry-transitions";
import { describeSession } from "./one-time-links";
import { Timestamp } from "./seed-input";
import { deliver, parseDelivery, recordEvent } from "./webhook-sender";

/** An inquiry as the control API shows it: the API form, plus its `redirect-uri` and its sessions' links. */
export function describeInquiry(env: Env, record: InquiryRecord, nowMs: number) {
  return {
    ...renderInquiry(record),
    meta: { redirectUri: record.redirectUri, sessions: record.sessions.map((session) => describeSession(env, session, nowMs)) },
  };
}

export async function inquiryFlow(
  env: Env,
  method: string,
  record: InquiryRecord,
  action: string,
  body: unknown,
  nowMs: number,
  fetchImpl: typeof fetch,
): Promise<FakeResponse | undefined> {
  if (method !== "POST") return undefined;
  if (action === "verified-fields") return { status: 200, body: setVerifiedFields(env, record, body, nowMs) };
  if (action === "transition") return { status: 200, body: await transition(env, record, body, nowMs, fetchImpl) };
  return undefined;
}

function setVerifiedFields(env: Env, record: InquiryRecord, body: unknown, nowMs: number) {
  const values = object(body, "verified fields (field name → value)");
  try {
    record.fields = { ...record.fields, ...inquiryFields(values) };
  } catch (error) {
    if (error instanceof InquiryFieldError) throw bad(error.message);
    throw error;
  }
  record.updatedAt = new Date(nowMs).toISOString();
  return describeInquiry(env, record, nowMs);
}

async function transition(env: Env, record: InquiryRecord, body: unknown, nowMs: number, fetchImpl: typeof fetch) {
  const input = object(body, "transition");
  for (const key of Object.keys(input)) if (!["status", "webhook", "at"].includes(key)) throw bad(`unknown field ${key}; known: status, webhook, at`);
  const status = input.status as TransitionStatus;
  if (!TRANSITION_STATUSES.includes(status)) throw bad(`status must be one of ${TRANSITION_STATUSES.join(", ")}`);
  let atIso = new Date(nowMs).toISOString();
  if (input.at !== undefined) {
    const at = Timestamp.safeParse(input.at);
    if (!at.success) throw bad("at must be a date-time");
    atIso = at.data;
  }
  const name = TRANSITIONS[status].event;
  const event = { name, objectId: record.id, createdAt: atIso };
  // Check the delivery before changing anything, so a wrong option leaves the inquiry as it was.
  let delivery: ReturnType<typeof parseDelivery> | undefined;
  if (input.webhook !== undefined) {
    const webhook = object(input.webhook, "webhook");
    for (const key of ["event", "eventId", "body"]) if (key in webhook) throw bad(`webhook.${key}: the transition builds the event itself`);
    delivery = parseDelivery({ ...webhook, event });
  }
  try {
    transitionInquiry(record, status, atIso);
  } catch (error) {
    if (error instanceof TransitionError) throw new ControlError(409, error.message);
    throw error;
  }
  const result = delivery === undefined ? null : await deliver(env, delivery, nowMs, fetchImpl);
  const eventId = result?.eventId ?? recordEvent(env, event, nowMs).eventId;
  return { inquiry: describeInquiry(env, record, nowMs), event: { eventId, name }, delivery: result };
}
