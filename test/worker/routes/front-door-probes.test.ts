/**
 * The front door's storage checks (worker/src/routes/health-probes.ts), with twins for the bindings: a failing or
 * silent store is reported, never thrown, and a public page cannot be turned into a flood of billed storage calls.
 */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { OrgIdSchema } from "../../../shared/orgs";
import { cachedHealthChecks, forgetHealthChecks, HEALTH_OBJECT_NAME, PROBE_CACHE_MS, probe, runHealthChecks } from "../../../worker/src/routes/health-probes";

const answers = () => Promise.resolve(null);
const fails = () => Promise.reject(new Error("KV GET failed: 500 Internal Server Error"));
const hangs = () => new Promise<never>(() => {});

describe("one check", () => {
  it("is ok when the store answers, unreachable when it throws, timeout when it stays silent", async () => {
    expect(await probe(answers, 50)).toBe("ok");
    expect(await probe(fails, 50)).toBe("unreachable");
    expect(await probe(hangs, 20)).toBe("timeout");
  });

  it("both checks run concurrently: two silent stores cost one timeout, not two", async () => {
    const started = Date.now();
    expect(await runHealthChecks({ kvRead: hangs, objectRead: hangs }, 100)).toEqual({ kv: "timeout", durableObjects: "timeout" });
    expect(Date.now() - started).toBeLessThan(190);
  });

  it("reports each store on its own", async () => {
    expect(await runHealthChecks({ kvRead: answers, objectRead: fails }, 50)).toEqual({ kv: "ok", durableObjects: "unreachable" });
  });
});

describe("the checks of a public page are bounded", () => {
  beforeEach(forgetHealthChecks);

  const counting = (result: { kv: "ok" | "unreachable"; durableObjects: "ok" }) => {
    const calls = { count: 0 };
    const run = () => {
      calls.count++;
      return Promise.resolve(result);
    };
    return { calls, run };
  };

  it("a passing result is reused for 15 seconds, then checked again", async () => {
    const { calls, run } = counting({ kv: "ok", durableObjects: "ok" });
    const t0 = 1_000_000;
    await cachedHealthChecks(t0, run);
    await cachedHealthChecks(t0 + PROBE_CACHE_MS - 1, run);
    expect(calls.count).toBe(1);
    await cachedHealthChecks(t0 + PROBE_CACHE_MS, run);
    expect(calls.count).toBe(2);
  });

  it("a failing result is not kept: the next request checks again", async () => {
    const { calls, run } = counting({ kv: "unreachable", durableObjects: "ok" });
    await cachedHealthChecks(2_000_000, run);
    await cachedHealthChecks(2_000_001, run);
    expect(calls.count).toBe(2);
  });
});

describe("the Durable Object the front door pings", () => {
  it("can never be an organization's: its name is not a valid organization ID", () => {
    expect(OrgIdSchema.safeParse(HEALTH_OBJECT_NAME).success).toBe(false);
  });

  it("answers the read-only call the check makes, with nothing in it", async () => {
    const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(HEALTH_OBJECT_NAME));
    expect(await stub.listApiKeys()).toEqual([]);
  });
});
