/** Persona conformance: the webhook bodies the fake sends validate against the spec's webhook schemas. */
import { beforeAll, describe, expect, it } from "vitest";
import { TRANSITIONS } from "../../../fakes/persona/inquiry-transitions";
import {
  createInquiry,
  type J,
  json,
  oktaUserEnv,
  recoveryInquiry,
  schemaErrors,
  sendWebhook,
  setUpConformance,
  transition,
  verifies,
  webhookSchema,
} from "./support";

setUpConformance();

describe("webhook bodies validate against the spec's webhook schemas", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it.each([
    ["case.resolved", () => world.resolved.id],
    ["case.updated-tags", () => world.open.id],
    ["inquiry.marked-for-review", () => world.inquiryNew.id],
    ["account.tag-added", () => world.account.id],
  ])("%s, built from the object's current state, with its related objects in included", async (name, objectId) => {
    const sent = await sendWebhook(world.env, { dryRun: true, secret: "wbhsec_test", event: { name, objectId: objectId() } });
    const body = JSON.parse(sent.request.body);
    expect(schemaErrors(webhookSchema(name), body)).toEqual([]);
    expect(body.data).toMatchObject({ type: "event", id: sent.eventId, attributes: { name, payload: { data: { id: objectId() } } } });
    expect(sent.eventId).toMatch(/^evt_[A-Za-z0-9]{24}$/);
  });

  it.each(Object.entries(TRANSITIONS))("a transition to %s sends a signed %s body the spec's webhook schema accepts", async (status, { event }) => {
    const created = await json(await createInquiry(world.env, recoveryInquiry(world.oktaUserId)));
    const { delivery } = await transition(world.env, created.data.id, { status, webhook: { dryRun: true, secret: "wbhsec_test" } });
    const body = JSON.parse(delivery.request.body);
    expect(schemaErrors(webhookSchema(event), body)).toEqual([]);
    expect(body.data.attributes).toMatchObject({ name: event, payload: { data: { id: created.data.id, attributes: { status } } } });
    expect(await verifies(delivery.request.headers["persona-signature"], delivery.request.body, "wbhsec_test")).toBe(true);
  });

  it("case.resolved carries the case's accounts in included, so the receiver can find the Okta user", async () => {
    const sent = await sendWebhook(world.env, { dryRun: true, secret: "wbhsec_test", event: { name: "case.resolved", objectId: world.resolved.id } });
    const included = JSON.parse(sent.request.body).data.attributes.payload.included;
    expect(included.find((item: J) => item.type === "account").attributes["reference-id"]).toBe(world.oktaUserId);
  });
});
