/**
 * Persona conformance: driving an inquiry through the control API — the verified field values, and each status
 * change with the signed `inquiry.*` webhook Persona sends for it.
 */
import { describe, expect, it } from "vitest";
import {
  api,
  CONTROL,
  control,
  controlInquiry,
  createInquiry,
  type J,
  json,
  newEnv,
  recoveryInquiry,
  sendWebhook,
  setUpConformance,
  transition,
  verifies,
} from "./support";

setUpConformance();

const OKTA_USER = "00uFlow0000000000001";
const secret = "wbhsec_flow-test-secret";

async function recoveryEnv() {
  const env = await newEnv();
  const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
  return { env, id: created.data.id as string, created };
}

describe("verified fields", () => {
  it("are what GET /inquiries/{id} answers in attributes.fields, typed; fields the ID did not give keep their prefill", async () => {
    const { env, id } = await recoveryEnv();
    const answer = await control("POST", `/envs/${env.envId}/inquiries/${id}/verified-fields`, {
      "name-first": "ADA",
      "name-last": "King",
      birthdate: "1815-12-10",
      "identification-number": "D1234567",
      "address-country-code": "GB",
    });
    expect(answer.attributes.fields["name-last"]).toEqual({ type: "string", value: "King" });
    const { data } = await json(await api(env, `/inquiries/${id}`));
    expect(data.attributes.fields).toMatchObject({
      "name-first": { type: "string", value: "ADA" },
      "name-last": { type: "string", value: "King" },
      birthdate: { type: "date", value: "1815-12-10" },
      "identification-number": { type: "string", value: "D1234567" },
      "email-address": { type: "string", value: "ada@acme.test" }, // the prefill: the ID said nothing about it
    });
    expect(Date.parse(data.attributes["updated-at"])).toBeGreaterThanOrEqual(Date.parse(data.attributes["created-at"]));
  });

  it("refuse a default field that is not a string or null, and a birthdate that is not YYYY-MM-DD (400, nothing set)", async () => {
    const { env, id } = await recoveryEnv();
    const post = (body: unknown) =>
      fetch(`${CONTROL}/envs/${env.envId}/inquiries/${id}/verified-fields`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ "name-first": 1 })).status).toBe(400);
    expect((await post({ "name-first": "Eve", birthdate: "1815-13-01" })).status).toBe(400);
    expect((await post(["name-first"])).status).toBe(400);
    expect((await controlInquiry(env, id)).attributes.fields["name-first"].value).toBe("Ada");
  });
});

describe("status transitions, each sent as a signed inquiry.* webhook", () => {
  it.each([
    ["pending", "inquiry.started", "started-at"],
    ["completed", "inquiry.completed", "completed-at"],
    ["approved", "inquiry.approved", "decisioned-at"],
    ["declined", "inquiry.declined", "decisioned-at"],
    ["failed", "inquiry.failed", "failed-at"],
    ["needs_review", "inquiry.marked-for-review", "marked-for-review-at"],
    ["expired", "inquiry.expired", "expired-at"],
  ])("%s: updates the inquiry and sends %s with it as the payload", async (status, name, stamp) => {
    const { env, id } = await recoveryEnv();
    const at = "2025-06-01T12:00:00Z";
    const result = await transition(env, id, { status, at, webhook: { dryRun: true, secret } });
    expect(result.event).toEqual({ eventId: result.delivery.eventId, name });
    expect(result.inquiry.attributes).toMatchObject({ status, [stamp]: "2025-06-01T12:00:00.000Z", "updated-at": "2025-06-01T12:00:00.000Z" });
    const { headers, body } = result.delivery.request;
    expect(await verifies(headers["persona-signature"], body, secret)).toBe(true);
    const event = JSON.parse(body).data;
    expect(event).toMatchObject({ type: "event", id: result.event.eventId, attributes: { name, "created-at": "2025-06-01T12:00:00.000Z" } });
    expect(event.attributes.payload.data).toMatchObject({ type: "inquiry", id, attributes: { status, [stamp]: "2025-06-01T12:00:00.000Z" } });
    expect(event.attributes.payload.included.map((item: J) => item.attributes["reference-id"])).toEqual([OKTA_USER]);
    expect((await json(await api(env, `/inquiries/${id}`))).data.attributes.status).toBe(status);
  });

  it("a decision names a workflow-run reviewer; a start applies expiration-after-start-interval-seconds", async () => {
    const env = await newEnv();
    const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER, { meta: { "expiration-after-start-interval-seconds": 900 } })));
    const started = await transition(env, created.data.id, { status: "pending", at: "2025-06-01T12:00:00Z" });
    expect(started.inquiry.attributes["expires-at"]).toBe("2025-06-01T12:15:00.000Z");
    await transition(env, created.data.id, { status: "completed" });
    const approved = await transition(env, created.data.id, { status: "approved" });
    expect(approved.inquiry.relationships.reviewer.data).toEqual({ type: "workflow-run", id: expect.stringMatching(/^wfr_/) });
    expect(approved.inquiry.attributes["completed-at"]).not.toBeNull();
  });

  it("delivers to a URL (here a sink) with Persona's headers; the receiver sees the exact signed bytes", async () => {
    const { env, id } = await recoveryEnv();
    const sink = `${CONTROL}/sinks/${env.envId}-flow`;
    const result = await transition(env, id, { status: "completed", webhook: { url: sink, secret } });
    expect([result.delivery.delivered, result.delivery.status]).toEqual([true, 200]);
    const [received] = (await control("GET", `/sinks/${env.envId}-flow`)).requests;
    expect(received.body).toBe(result.delivery.request.body);
    expect(await verifies(received.headers["persona-signature"], received.body, secret)).toBe(true);
    expect(received.headers["persona-webhook-attempts-made"]).toBe("1");
  });

  it("without webhook options the event is recorded, not sent; webhooks/send delivers it later by eventId, same bytes", async () => {
    const { env, id } = await recoveryEnv();
    const result = await transition(env, id, { status: "pending" });
    expect(result.delivery).toBeNull();
    const recorded = (await control("GET", `/envs/${env.envId}/webhooks/events`)).find((event: J) => event.eventId === result.event.eventId);
    expect(recorded).toMatchObject({ name: "inquiry.started", attemptsMade: 0 });
    const sent = await sendWebhook(env, { dryRun: true, secret, eventId: result.event.eventId });
    expect(sent.request.body).toBe(recorded.rawBody);
    expect(sent.request.headers["persona-webhook-attempts-made"]).toBe("1");
  });

  it("refuses an unknown status (400), the current status (409), and bad webhook options (400), changing nothing", async () => {
    const { env, id } = await recoveryEnv();
    const post = (body: unknown) =>
      fetch(`${CONTROL}/envs/${env.envId}/inquiries/${id}/transition`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ status: "created" })).status).toBe(400);
    expect((await post({ status: "approved", extra: 1 })).status).toBe(400);
    expect((await post({ status: "approved", webhook: { dryRun: true } })).status).toBe(400); // no secret
    expect((await post({ status: "approved", webhook: { secret } })).status).toBe(400); // no url, not a dry run
    expect((await post({ status: "approved", webhook: { dryRun: true, secret, eventId: "evt_x" } })).status).toBe(400);
    expect((await controlInquiry(env, id)).attributes.status).toBe("created");
    expect(await control("GET", `/envs/${env.envId}/webhooks/events`)).toEqual([]);
    await transition(env, id, { status: "pending" });
    expect((await post({ status: "pending" })).status).toBe(409);
    expect((await fetch(`${CONTROL}/envs/${env.envId}/inquiries/inq_unknown/transition`, { method: "POST", body: "{}" })).status).toBe(404);
  });
});
