/**
 * Webhook event bodies as Persona delivers them (docs/persona.md §2; the spec's `webhooks` section):
 * `{"data":{"type":"event","id":"evt_…","attributes":{"name","payload":{"data","included"},"created-at"}}}`.
 * A payload is built from the environment's current state (the object and every related object in `included`,
 * as the spec says of case and account events) or given as is.
 */
import { renderAccount, renderAccountType } from "./accounts";
import { renderCase } from "./cases";
import { CASE_INCLUDES, caseIncluded, inquiryIncluded } from "./documents";
import type { Env } from "./env";
import { type Inflection, inflect } from "./inflection";
import { renderInquiry } from "./inquiries";

export interface EventPayload {
  data: unknown;
  included?: unknown[];
}

/** The payload of an event about `objectId` (`case_…`, `inq_…` or `act_…`) as it is now; undefined if unknown. */
export function payloadFor(env: Env, objectId: string): EventPayload | undefined {
  const record = env.cases.get(objectId);
  if (record) return { data: renderCase(record), included: caseIncluded(env, record, CASE_INCLUDES) };
  const inquiry = env.inquiries.get(objectId);
  if (inquiry) return { data: renderInquiry(inquiry), included: inquiryIncluded(env, inquiry, ["account"]) };
  const account = env.accounts.get(objectId);
  if (account) return { data: renderAccount(account), included: [renderAccountType(account.accountType)] };
  return undefined;
}

export function eventBody(event: { id: string; name: string; createdAt: string; payload: EventPayload }, inflection: Inflection = "kebab") {
  return inflect(
    {
      data: {
        type: "event",
        id: event.id,
        attributes: { name: event.name, payload: { data: event.payload.data, included: event.payload.included ?? [] }, "created-at": event.createdAt },
      },
    },
    inflection,
  );
}
