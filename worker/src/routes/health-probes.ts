import type { HealthChecks, ProbeStatus } from "../../../shared/front-door";
import type { AppEnv } from "../env";
import { orgStore } from "../storage/org-store-client";

/** A storage call that has not answered by then is reported as `timeout` (the front door must stay quick). */
export const PROBE_TIMEOUT_MS = 2_000;

/** How long an isolate reuses its last checks: `GET /` is public, and each check is a billed KV read and DO call. */
export const PROBE_CACHE_MS = 15_000;

/**
 * The Durable Object the front door pings. Organization IDs never contain `_` (shared/orgs.ts), so this name can
 * never be an organization's object: the ping creates no organization and reads none. It is never claimed, so its
 * gate refuses every organization call; the one read it gets (the API key list) answers an empty list. Its only
 * storage is the empty schema the class creates on first use, once per deployment.
 */
export const HEALTH_OBJECT_NAME = "_health";

/** A key nobody writes: reading it proves the namespace answers, and reads nothing. */
export const HEALTH_KV_KEY = "health:probe";

/** What the checks call: the real bindings in the worker, twins in tests. */
export type ProbeTargets = {
  kvRead: () => Promise<unknown>;
  objectRead: () => Promise<unknown>;
};

export function probeTargets(env: AppEnv): ProbeTargets {
  return {
    kvRead: () => env.CONFIG.get(HEALTH_KV_KEY),
    objectRead: () => orgStore(env, HEALTH_OBJECT_NAME).listApiKeys(),
  };
}

/** Runs one check with a deadline; a thrown error is `unreachable`, never a failure of the page itself. */
export async function probe(read: () => Promise<unknown>, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeStatus> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<ProbeStatus>((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const attempt = read().then(
    (): ProbeStatus => "ok",
    (): ProbeStatus => "unreachable",
  );
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Both checks, concurrently. */
export async function runHealthChecks(targets: ProbeTargets, timeoutMs = PROBE_TIMEOUT_MS): Promise<HealthChecks> {
  const [kv, durableObjects] = await Promise.all([probe(targets.kvRead, timeoutMs), probe(targets.objectRead, timeoutMs)]);
  return { kv, durableObjects };
}

/**
 * The checks, reused within {@link PROBE_CACHE_MS} of the last passing run in this isolate, so that a flood of
 * `GET /` costs about one KV read and one Durable Object call per isolate every 15 seconds. A failing result is
 * not kept: the next request checks again. Only the result is kept, never a pending promise: Workers must not
 * await one request's I/O from another.
 */
export async function cachedHealthChecks(nowMs: number, run: () => Promise<HealthChecks>): Promise<HealthChecks> {
  if (cache && cache.until > nowMs) return cache.checks;
  const checks = await run();
  cache = checks.kv === "ok" && checks.durableObjects === "ok" ? { until: nowMs + PROBE_CACHE_MS, checks } : undefined;
  return checks;
}

let cache: { until: number; checks: HealthChecks } | undefined;

/** Tests only: forget the cached checks. */
export function forgetHealthChecks(): void {
  cache = undefined;
}
