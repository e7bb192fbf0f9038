/** Persona conformance: the webhook sender's signature, attempt headers, re-sends and bad signatures. */
import { beforeAll, describe, expect, it } from "vitest";
import { CONTROL, control, oktaUserEnv, sendWebhook, setUpConformance, signatureSets, verifies } from "./support";

setUpConformance();

describe("webhook sender: Persona's signature, attempt headers, re-sends and bad signatures", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  const secret = "wbhsec_0b6c5f4e-test-secret";
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it("signs t + '.' + raw body with HMAC-SHA256 (verifiable with WebCrypto) and sends the attempt headers", async () => {
    const sent = await sendWebhook(world.env, { dryRun: true, secret, event: { name: "case.resolved", objectId: world.resolved.id } });
    const { headers, body } = sent.request;
    expect(headers["content-type"]).toBe("application/json");
    const [set] = signatureSets(headers["persona-signature"]);
    expect(Math.abs(Number(set!.t) - Date.now() / 1000)).toBeLessThan(5);
    expect(await verifies(headers["persona-signature"], body, secret)).toBe(true);
    expect(await verifies(headers["persona-signature"], body, "wbhsec_other")).toBe(false);
    expect([headers["persona-webhook-attempts-made"], headers["persona-webhook-attempts-left"], headers["persona-webhook-first-attempted-at"]]).toEqual([
      "1",
      "7",
      set!.t,
    ]);
  });

  it("delivers to a URL and reports the receiver's status; a sink records the exact bytes and headers", async () => {
    const sink = `${CONTROL}/sinks/${world.env.envId}-ok`;
    const sent = await sendWebhook(world.env, { url: sink, secret, event: { name: "case.status-updated", objectId: world.open.id } });
    expect([sent.delivered, sent.status]).toEqual([true, 200]);
    const received = (await control("GET", `/sinks/${world.env.envId}-ok`)).requests;
    expect(received).toHaveLength(1);
    expect(received[0].body).toBe(sent.request.body);
    expect(received[0].headers["persona-signature"]).toBe(sent.request.headers["persona-signature"]);
    expect(await verifies(received[0].headers["persona-signature"], received[0].body, secret)).toBe(true);

    await control("PUT", `/sinks/${world.env.envId}-down`, { status: 503, body: { error: "down" } });
    const failed = await sendWebhook(world.env, {
      url: `${CONTROL}/sinks/${world.env.envId}-down`,
      secret,
      event: { name: "case.status-updated", objectId: world.open.id },
    });
    expect([failed.status, JSON.parse(failed.body)]).toEqual([503, { error: "down" }]);
  });

  it("re-sends an event with the same id and bytes as the next attempt, keeping First-Attempted-At", async () => {
    const first = await sendWebhook(world.env, {
      dryRun: true,
      secret,
      event: { name: "case.updated-tags", objectId: world.open.id },
      timestampOffsetSeconds: -30,
    });
    const again = await sendWebhook(world.env, { dryRun: true, secret, eventId: first.eventId });
    expect(again.eventId).toBe(first.eventId);
    expect(again.request.body).toBe(first.request.body);
    expect(again.request.headers["persona-webhook-attempts-made"]).toBe("2");
    expect(again.request.headers["persona-webhook-attempts-left"]).toBe("6");
    expect(again.request.headers["persona-webhook-first-attempted-at"]).toBe(first.request.headers["persona-webhook-first-attempted-at"]);
    expect(await verifies(again.request.headers["persona-signature"], again.request.body, secret)).toBe(true);
  });

  it("during a secret rotation, carries two space-separated sets, one per secret", async () => {
    const sent = await sendWebhook(world.env, {
      dryRun: true,
      secrets: ["wbhsec_old", "wbhsec_new"],
      event: { name: "case.resolved", objectId: world.resolved.id },
    });
    const header = sent.request.headers["persona-signature"];
    expect(signatureSets(header)).toHaveLength(2);
    expect(await verifies(header, sent.request.body, "wbhsec_old")).toBe(true);
    expect(await verifies(header, sent.request.body, "wbhsec_new")).toBe(true);
  });

  it("produces the deliveries a receiver must refuse: wrong secret, tampered bytes, missing or malformed header, old timestamp", async () => {
    const event = () => ({ name: "case.resolved", objectId: world.resolved.id });
    const wrong = await sendWebhook(world.env, { dryRun: true, secret, signature: "wrong-secret", event: event() });
    expect(await verifies(wrong.request.headers["persona-signature"], wrong.request.body, secret)).toBe(false);

    const tampered = await sendWebhook(world.env, { dryRun: true, secret, signature: "tampered", event: event() });
    expect(JSON.parse(tampered.request.body)).toEqual(JSON.parse(tampered.request.body.trim()));
    expect(await verifies(tampered.request.headers["persona-signature"], tampered.request.body, secret)).toBe(false);
    expect(await verifies(tampered.request.headers["persona-signature"], tampered.request.body.trimEnd(), secret)).toBe(true);

    const missing = await sendWebhook(world.env, { dryRun: true, signature: "missing", event: event() });
    expect(missing.request.headers).not.toHaveProperty("persona-signature");
    const malformed = await sendWebhook(world.env, { dryRun: true, secret, signature: "malformed", event: event() });
    expect(malformed.request.headers["persona-signature"]).not.toMatch(/v1=[0-9a-f]{64}/);

    const old = await sendWebhook(world.env, { dryRun: true, secret, timestampOffsetSeconds: -3600, event: event() });
    const [set] = signatureSets(old.request.headers["persona-signature"]);
    expect(Date.now() / 1000 - Number(set!.t)).toBeGreaterThan(3590);
    expect(await verifies(old.request.headers["persona-signature"], old.request.body, secret)).toBe(true);
  });

  it("sends a prebuilt body verbatim, and a given payload under Persona's envelope", async () => {
    const raw = '{"data":{"type":"event","id":"evt_prebuilt000000000000000001","attributes":{"name":"case.resolved"}}}';
    const prebuilt = await sendWebhook(world.env, { dryRun: true, secret, body: raw });
    expect([prebuilt.eventId, prebuilt.request.body]).toEqual(["evt_prebuilt000000000000000001", raw]);
    const payload = { data: { type: "case", id: "case_given", attributes: { status: "Declined" } }, included: [] };
    const given = await sendWebhook(world.env, {
      dryRun: true,
      secret,
      event: { name: "case.status-updated", id: "evt_given000000000000000000001", createdAt: "2025-06-01T00:00:00Z", payload },
    });
    expect(JSON.parse(given.request.body)).toEqual({
      data: {
        type: "event",
        id: "evt_given000000000000000000001",
        attributes: { name: "case.status-updated", payload, "created-at": "2025-06-01T00:00:00.000Z" },
      },
    });
  });
});
