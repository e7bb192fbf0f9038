/**
 * Okta conformance: event hook deliveries — Okta's request (headers and the com.okta.event_hook body carrying the
 * same LogEvents as the System Log), batching, retries (5xx and timeouts once, 4xx never), and the control API's
 * manual delivery: dry run, pending events, chosen events, and re-delivery of the same batch for de-dup tests.
 */
import { describe, expect, it } from "vitest";
import { CONTROL, control, expectMatchesSpec, type J, person, setUpConformance } from "./support";
import { configureReceiver, eventually, logsOrg, query, received, receiverUrl, registerHook, seedEvents } from "./system-log-support";

setUpConformance();

const SECRET = "hook-secret-9f8e7d";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const posts = async (name: string) => (await received(name)).filter((request) => request.method === "POST");

async function hookedOrg(suffix: string, hookBody: Record<string, unknown> = {}) {
  const fixture = await logsOrg([person("ada"), person("bob")]);
  const name = `${fixture.org.orgId}-${suffix}`;
  const hook = await registerHook(fixture.org, {
    url: receiverUrl(name),
    authorization: { key: "Authorization", value: SECRET },
    headers: [{ key: "X-Source", value: "fake-okta" }],
    events: ["user.lifecycle.suspend", "user.account.report_suspicious_activity_by_enduser"],
    ...hookBody,
  });
  expect(hook.verificationStatus).toBe("VERIFIED");
  const deliver = (body: Record<string, unknown>) => control("POST", `/orgs/${fixture.org.orgId}/event-hooks/${hook.id}/deliver`, body);
  return { ...fixture, name, hook, deliver };
}

describe("event hook delivery", () => {
  it("POSTs Okta's body with the subscribed events, as the System Log serves them, with the auth and custom headers", async () => {
    const { org, users, call, logs, name, hook } = await hookedOrg("auto");
    await seedEvents(org, [{ eventType: "user.session.start" }]); // not subscribed
    expect((await call(`/api/v1/users/${users[0].id}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
    const [post] = await eventually(async () => {
      const found = await posts(name);
      return found.length > 0 ? found : undefined;
    });
    expect(post.headers["content-type"]).toBe("application/json");
    expect(post.headers.accept).toBe("application/json");
    expect(post.headers.authorization).toBe(SECRET);
    expect(post.headers["x-source"]).toBe("fake-okta");
    const body = JSON.parse(post.body);
    expect(Object.keys(body)).toEqual(["eventType", "eventTypeVersion", "cloudEventsVersion", "contentType", "eventId", "eventTime", "source", "data"]);
    expect(body).toMatchObject({
      eventType: "com.okta.event_hook",
      eventTypeVersion: "1.0",
      cloudEventsVersion: "0.1",
      contentType: "application/json",
      source: `${org.orgUrl}/api/v1/eventHooks/${hook.id}`,
    });
    expect(body.eventId).toMatch(UUID);
    expect(Math.abs(Date.parse(body.eventTime) - Date.now())).toBeLessThan(10_000);
    const logged = (await (await logs(query({ filter: 'eventType eq "user.lifecycle.suspend"' }))).json()) as J[];
    expect(body.data.events).toEqual(logged);
    expectMatchesSpec("listLogEvents", 200, body.data.events);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await posts(name)).toHaveLength(1);
    const state = await control("GET", `/orgs/${org.orgId}/event-hooks/${hook.id}`);
    expect(state.deliveries.map((delivery: J) => [delivery.trigger, delivery.delivered, delivery.eventId])).toEqual([["auto", true, body.eventId]]);
    expect(state.pending).toEqual([]);
  });

  it("sends events logged together in one request, and later ones in the next", async () => {
    const { org, name } = await hookedOrg("batch");
    const first = await seedEvents(org, [
      { eventType: "user.account.report_suspicious_activity_by_enduser" },
      { eventType: "user.session.start" },
      { eventType: "user.lifecycle.suspend" },
    ]);
    await eventually(async () => ((await posts(name)).length === 1 ? true : undefined));
    const second = await seedEvents(org, [{ eventType: "user.lifecycle.suspend" }]);
    const all = await eventually(async () => {
      const found = await posts(name);
      return found.length === 2 ? found : undefined;
    });
    const batches = all.map((post) => JSON.parse(post.body).data.events.map((event: J) => event.uuid));
    expect(batches).toEqual([[first[0].uuid, first[2].uuid], [second[0].uuid]]);
  });

  it("sends at most maxBatchEvents events per request, the rest in the following ones, in log order", async () => {
    const { org, name } = await hookedOrg("cap", { maxBatchEvents: 2 });
    const seeded = await seedEvents(
      org,
      Array.from({ length: 5 }, () => ({ eventType: "user.lifecycle.suspend" })),
    );
    const all = await eventually(async () => {
      const found = await posts(name);
      return found.length === 3 ? found : undefined;
    });
    const batches = all.map((post) => JSON.parse(post.body).data.events.map((event: J) => event.uuid));
    const uuids = seeded.map((event) => event.uuid);
    expect(batches).toEqual([uuids.slice(0, 2), uuids.slice(2, 4), uuids.slice(4)]);
  });

  it("with manual delivery, keeps matching events pending; a dry run builds the request without sending it", async () => {
    const { org, name, hook, deliver } = await hookedOrg("manual", { delivery: "manual" });
    const seeded = await seedEvents(org, [
      { eventType: "user.lifecycle.suspend" },
      { eventType: "user.session.start" },
      { eventType: "user.account.report_suspicious_activity_by_enduser" },
    ]);
    expect((await control("GET", `/orgs/${org.orgId}/event-hooks/${hook.id}`)).pending).toEqual([seeded[0].uuid, seeded[2].uuid]);
    const dry = await deliver({ dryRun: true });
    expect([dry.dryRun, dry.delivered, dry.status, dry.attempts]).toEqual([true, false, 0, []]);
    expect(dry.request.url).toBe(receiverUrl(name));
    expect(dry.request.method).toBe("POST");
    expect(dry.request.headers).toEqual({ accept: "application/json", "x-source": "fake-okta", authorization: SECRET, "content-type": "application/json" });
    expect(JSON.parse(dry.request.body).data.events.map((event: J) => event.uuid)).toEqual([seeded[0].uuid, seeded[2].uuid]);
    expect(await posts(name)).toEqual([]);

    const sent = await deliver({ events: "pending" });
    expect([sent.delivered, sent.status, sent.attempts.length]).toEqual([true, 200, 1]);
    const [post] = await posts(name);
    expect(post.body).toBe(sent.request.body);
    expect((await control("GET", `/orgs/${org.orgId}/event-hooks/${hook.id}`)).pending).toEqual([]);
    const empty = await fetch(`${CONTROL}/orgs/${org.orgId}/event-hooks/${hook.id}/deliver`, { method: "POST" });
    expect(empty.status).toBe(409);
  });

  it("re-delivers a batch with the same eventId and bytes (at-least-once), and delivers chosen events", async () => {
    const { org, name, hook, deliver } = await hookedOrg("again", { delivery: "manual" });
    const seeded = await seedEvents(org, [
      { eventType: "user.lifecycle.suspend" },
      { eventType: "user.lifecycle.suspend" },
      { eventType: "user.session.start" },
    ]);
    const chosen = await deliver({ events: [seeded[1].uuid] });
    expect(JSON.parse(chosen.request.body).data.events.map((event: J) => event.uuid)).toEqual([seeded[1].uuid]);
    const again = await deliver({ redeliver: chosen.eventId });
    expect([again.trigger, again.delivered, again.eventId]).toEqual(["redeliver", true, chosen.eventId]);
    const bodies = (await posts(name)).map((post) => post.body);
    expect(bodies).toEqual([chosen.request.body, chosen.request.body]);
    expect((await control("GET", `/orgs/${org.orgId}/event-hooks/${hook.id}`)).pending).toEqual([seeded[0].uuid]);

    const refuse = async (body: Record<string, unknown>, status: number) => {
      const response = await fetch(`${CONTROL}/orgs/${org.orgId}/event-hooks/${hook.id}/deliver`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(status);
    };
    await refuse({ events: [seeded[2].uuid] }, 400); // not a subscribed type
    await refuse({ events: ["00000000-0000-4000-8000-000000000000"] }, 404);
    await refuse({ redeliver: "no-such-event-id" }, 404);
    await refuse({ events: "pending", redeliver: chosen.eventId }, 400);
  });

  it("retries a 5xx or a timeout once and a 4xx never; a failed delivery is logged as event_hook.delivery", async () => {
    const { org, logs, name, deliver } = await hookedOrg("flaky", { delivery: "manual", timeoutMs: 150 });
    await seedEvents(org, [{ eventType: "user.lifecycle.suspend" }]);
    await configureReceiver(name, { deliveryStatus: 503 });
    const unavailable = await deliver({});
    expect([unavailable.delivered, unavailable.attempts.map((attempt: J) => attempt.status)]).toEqual([false, [503, 503]]);
    await configureReceiver(name, { deliveryStatus: 400 });
    const refused = await deliver({ redeliver: unavailable.eventId });
    expect([refused.delivered, refused.attempts.map((attempt: J) => attempt.status)]).toEqual([false, [400]]);
    await configureReceiver(name, { deliveryStatus: 200, delayMs: 400 });
    const slow = await deliver({ redeliver: unavailable.eventId });
    expect([slow.delivered, slow.error, slow.attempts.map((attempt: J) => attempt.error)]).toEqual([false, "TIMEOUT", ["TIMEOUT", "TIMEOUT"]]);
    const failures = (await (await logs(query({ filter: 'eventType eq "event_hook.delivery"' }))).json()) as J[];
    expect(failures.map((event) => event.outcome)).toEqual([
      { result: "FAILURE", reason: "HTTP 503" },
      { result: "FAILURE", reason: "HTTP 400" },
      { result: "FAILURE", reason: "TIMEOUT" },
    ]);
  });

  it("sends nothing to a hook that is not VERIFIED or not ACTIVE", async () => {
    const { org, name, hook } = await hookedOrg("off");
    await control("PATCH", `/orgs/${org.orgId}/event-hooks/${hook.id}`, { status: "INACTIVE" });
    const unverified = await registerHook(org, { url: receiverUrl(`${name}-unverified`), events: ["user.lifecycle.suspend"], verify: false });
    expect(unverified.verificationStatus).toBe("UNVERIFIED");
    await seedEvents(org, [{ eventType: "user.lifecycle.suspend" }]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await posts(name)).toEqual([]);
    expect(await received(`${name}-unverified`)).toEqual([]);
    const response = await fetch(`${CONTROL}/orgs/${org.orgId}/event-hooks/${unverified.id}/deliver`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events: "pending" }),
    });
    expect(response.status).toBe(409);
  });
});
