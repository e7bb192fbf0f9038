/**
 * The cap on Okta calls in flight per organization (worker/src/net/concurrency-limit.ts, used by
 * worker/src/okta/upstream.ts inside the organization's gate): never more holders than the cap, waiters served in
 * arrival order, and a waiter that times out never takes a slot afterwards.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { ConcurrencyLimit } from "../../../worker/src/net/concurrency-limit";
import { fetchWithTimeout } from "../../../worker/src/okta/upstream";

describe("ConcurrencyLimit", () => {
  it("admits at most `max` at once and serves waiters first come, first served", async () => {
    const limit = new ConcurrencyLimit(2);
    const first = await limit.acquire(1000);
    const second = await limit.acquire(1000);
    expect(limit.inUse).toBe(2);
    const order: string[] = [];
    const queued = (name: string) =>
      limit.acquire(1000).then((release) => {
        order.push(name);
        return release;
      });
    const third = queued("third");
    const fourth = queued("fourth");
    first!();
    first!(); // releasing twice frees one slot only
    expect(limit.inUse).toBe(2);
    (await third)!();
    second!();
    (await fourth)!();
    expect(order).toEqual(["third", "fourth"]);
    expect(limit.inUse).toBe(0);
  });

  it("a waiter that timed out is dropped: a later release goes to the next one", async () => {
    const limit = new ConcurrencyLimit(1);
    const held = await limit.acquire(1000);
    expect(await limit.acquire(20)).toBeNull();
    const next = limit.acquire(1000);
    held!();
    expect(await next).not.toBeNull();
    expect(limit.inUse).toBe(1);
  });
});

describe("fetchWithTimeout under the organization's cap", () => {
  it("a call that gets no slot before its deadline is okta_rate_limited and never reaches Okta", async () => {
    const inFlight = new ConcurrencyLimit(1);
    const held = await inFlight.acquire(1000);
    let sent = 0;
    const fetch = (async () => {
      sent++;
      return new Response("{}");
    }) as unknown as typeof globalThis.fetch;
    const failure = await fetchWithTimeout("https://acme.okta.com/api/v1/users/x", { method: "GET" }, Date.now() + 50, {
      fetch,
      nowMs: Date.now,
      attemptTimeoutMs: 1000,
      inFlight,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe("okta_rate_limited");
    expect(sent).toBe(0);
    held!();
    const ok = await fetchWithTimeout("https://acme.okta.com/api/v1/users/x", { method: "GET" }, Date.now() + 1000, {
      fetch,
      nowMs: Date.now,
      attemptTimeoutMs: 1000,
      inFlight,
    });
    expect(ok.status).toBe(200);
    expect(inFlight.inUse).toBe(0);
  });
});
