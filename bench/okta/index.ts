/**
 * Okta proxy benchmark: the real worker (local workerd, wrangler.toml) in front of the fake Okta (Node, loopback).
 *
 * 1. Token requests for 1,000 proxied actions (reads, lifecycle writes, authenticator listing; 8 in flight) from a
 *    cold token cache, then again after the fake expired every token (a revocation: the worker learns it from
 *    401 E0000011). Goal: one token request per scope set per token lifetime, i.e. 3.
 * 2. The worker's added latency per proxied action: wall clock in Node around a direct call to the fake (SSWS) and
 *    around the same action through the worker (bootstrap bearer, token cached), interleaved; local workerd
 *    rounds in-request clocks to 1 ms, so only a clock outside the worker is fair.
 */
import { createRequire } from "node:module";
import { childWorkerdPids, processCpuNs } from "../acs/cpu-clock";
import { round3, type Summary, summarize } from "../stats";
import { call, type Timed, timed } from "./http";
import { type BenchWorld, ORG_ID, type SCOPES, setUpWorld } from "./setup";
import { type StorageCallsSection, storageCallsPerAction } from "./storage-calls";

export const ACTIONS = 1_000;
export const CONCURRENCY = 8;
export const WARMUP = 50;
export const RUNS = 500;
/** Proxied reads through wrangler's dev proxy, for context only. */
const DEV_PROXY_RUNS = 100;
/** Sequential requests per kind for the worker runtime's CPU time per request. */
const CPU_RUNS = 100;

type TokenLogEntry = { status: number; scope?: string; form?: Record<string, string>; error?: string };
type ApiLogEntry = { status: number; method: string; path: string; authScheme?: string };

type ActionKind = "read" | "suspend" | "unsuspend" | "authenticators";
/** One lane's cycle: its user stays valid for every write (suspend only when ACTIVE, unsuspend only when SUSPENDED). */
const CYCLE: readonly ActionKind[] = ["read", "suspend", "authenticators", "unsuspend", "read"];
const SCOPE_OF: Record<ActionKind, (typeof SCOPES)[number]> = {
  read: "okta.users.read",
  suspend: "okta.users.manage",
  unsuspend: "okta.users.manage",
  authenticators: "okta.authenticators.read",
};

export type TokenRun = {
  actions: number;
  concurrency: number;
  actionsPerScope: Record<string, number>;
  /** Every action answered 200 with the expected body. */
  allOk: boolean;
  failures: number;
  firstFailure?: string;
  wallSeconds: number;
  actionsPerSecond: number;
  latencyUnderLoad: Pick<Summary, "medianMs" | "p95Ms">;
  tokenRequests: number;
  tokenRequestsPerScope: Record<string, number>;
  tokenRequestsRefused: number;
  distinctScopes: number;
  goalMet: boolean;
  oktaApiCalls: number;
  oktaApiCallsByStatus: Record<string, number>;
  jwksFetches: number;
};

type Pair = { direct: Summary; proxied: Summary; added: Pick<Summary, "medianMs" | "p95Ms" | "meanMs">; ratioMedian: number };

export type OktaProxySection = {
  measuredAt: string;
  node: string;
  wrangler: string;
  method: string;
  tokenRequests: { coldCache: TokenRun; afterExpireAll: TokenRun };
  latency: {
    warmup: number;
    runs: number;
    read: Pair;
    write: Pair;
    workerHealthRoute: Summary;
    proxiedReadViaDevProxy: Pick<Summary, "medianMs" | "p95Ms"> & { runs: number };
    tokenRequestsDuringSeries: number;
    oktaApiCallsPerProxiedAction: number;
    /** CPU time of the worker's runtime process (all threads, /proc) per request: mean of sequential requests. */
    workerCpuPerRequestMs: { runs: number; proxiedRead: number; proxiedWrite: number; healthRoute: number };
  };
  storageCallsPerAction: StorageCallsSection;
};

const METHOD =
  "Real worker (worker/src/index.ts, wrangler.toml, local KV + Durable Objects) in local workerd via wrangler's DevEnv, " +
  "requests sent straight to the worker's runtime (not through wrangler's dev proxy); fake Okta in the bench's Node " +
  "process on its own loopback port, client JWKS fetched from the worker's real jwksUrl. Latency: Node wall clock " +
  "(performance.now) from fetch to the last body byte (local workerd rounds in-request clocks to 1 ms); direct = GET " +
  "or lifecycle POST on the fake with an SSWS token, proxied = the same action through /api/orgs/{org}/okta/… with the " +
  "bootstrap bearer (OAuth token cached), interleaved pairs alternating which goes first, sequential; added = per-pair " +
  "proxied - direct. Write = suspend/unsuspend alternating. Token requests: counted in the fake's token-request log " +
  "over 1,000 proxied actions (40% user reads, 40% suspend/unsuspend, 20% authenticator listing), 8 in flight, first " +
  "with a cold token cache, then after the fake expired every issued token (worker sees 401 E0000011). Fake rate " +
  "limits raised so that none applies. workerCpuPerRequestMs: CPU time of the worker's runtime process (/proc " +
  "schedstat, all threads) per sequential request; it includes miniflare's local KV and Durable Object simulators, " +
  "which run in that process. storageCallsPerAction: KV and Durable Object calls (the worker's and its Durable Object's, " +
  "counted by wrapping the bindings in the bench's entry, bench/okta/counting-entry.ts) over sequential warm proxied " +
  "actions (and user context views: the bench org has no Persona connection), divided by their number. The worker is bundled from a copy of worker/src and shared/ taken at start.";

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function brief(s: Summary): Pick<Summary, "medianMs" | "p95Ms"> {
  return { medianMs: s.medianMs, p95Ms: s.p95Ms };
}

function proxied(world: BenchWorld, kind: ActionKind, userId: string, base = world.worker.url): Promise<Timed> {
  const prefix = `${base}/api/orgs/${ORG_ID}/okta`;
  const headers = world.bootstrap;
  switch (kind) {
    case "read":
      return timed(`${prefix}/users/${userId}`, { headers });
    case "authenticators":
      return timed(`${prefix}/authenticators`, { headers });
    case "suspend":
    case "unsuspend":
      return timed(`${prefix}/users/${userId}/lifecycle/${kind}`, { method: "POST", headers });
  }
}

function direct(world: BenchWorld, kind: "read" | "suspend" | "unsuspend", userId: string): Promise<Timed> {
  const headers = { authorization: `SSWS ${world.apiToken}`, accept: "application/json" };
  const url = `${world.fakeOrg.orgUrl}/api/v1/users/${userId}`;
  return kind === "read" ? timed(url, { headers }) : timed(`${url}/lifecycle/${kind}`, { method: "POST", headers });
}

/** What a correct answer looks like, so that no timing is that of an error. */
function check(what: string, result: Timed, kind: ActionKind, userId: string, isProxied: boolean): void {
  const body = result.body as Record<string, any> | null;
  const ok =
    result.status === 200 &&
    (kind === "read"
      ? (isProxied ? body?.user?.id : body?.id) === userId
      : kind === "authenticators"
        ? Array.isArray(body?.authenticators)
        : isProxied
          ? body?.ok === true
          : body !== null);
  if (!ok) throw new Error(`${what} ${kind} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
}

async function resetLogs(world: BenchWorld): Promise<void> {
  await call(`${world.control}/requests`, { method: "DELETE" }, 204);
}

async function tokenRun(world: BenchWorld): Promise<TokenRun> {
  await resetLogs(world);
  const jwksBefore = (await call<{ jwksFetches: number }>(`${world.control}/clients/${world.clientId}`)).jwksFetches;
  const perLane = ACTIONS / CONCURRENCY;
  const kinds: ActionKind[] = [];
  const results: Timed[] = [];
  const failures: string[] = [];
  const started = performance.now();
  await Promise.all(
    world.users.lanes.map(async (userId) => {
      for (let i = 0; i < perLane; i++) {
        const kind = CYCLE[i % CYCLE.length]!;
        const result = await proxied(world, kind, userId);
        kinds.push(kind);
        results.push(result);
        try {
          check("proxied (concurrent)", result, kind, userId, true);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const tokens = await call<TokenLogEntry[]>(`${world.control}/token-requests`);
  const apiCalls = await call<ApiLogEntry[]>(`${world.control}/api-requests`);
  const jwksFetches = (await call<{ jwksFetches: number }>(`${world.control}/clients/${world.clientId}`)).jwksFetches - jwksBefore;
  const usedScopes = new Set(kinds.map((kind) => SCOPE_OF[kind]));
  return {
    actions: results.length,
    concurrency: CONCURRENCY,
    actionsPerScope: count(kinds, (kind) => SCOPE_OF[kind]),
    allOk: failures.length === 0,
    failures: failures.length,
    ...(failures.length > 0 ? { firstFailure: failures[0]! } : {}),
    wallSeconds: round3(wallSeconds),
    actionsPerSecond: Math.round(results.length / wallSeconds),
    latencyUnderLoad: brief(summarize(results.map((result) => result.ms))),
    tokenRequests: tokens.length,
    tokenRequestsPerScope: count(tokens, (entry) => entry.scope ?? entry.form?.scope ?? "?"),
    tokenRequestsRefused: tokens.filter((entry) => entry.status !== 200).length,
    distinctScopes: usedScopes.size,
    goalMet: tokens.length === usedScopes.size,
    oktaApiCalls: apiCalls.length,
    oktaApiCallsByStatus: count(apiCalls, (entry) => String(entry.status)),
    jwksFetches,
  };
}

/** Interleaved direct/proxied pairs on `userId`s, alternating which goes first; warm-up pairs are dropped. */
async function pairs(
  world: BenchWorld,
  kindAt: (i: number) => "read" | "suspend" | "unsuspend",
  users: { direct: string; proxied: string },
  extra?: () => Promise<void>,
): Promise<Pair> {
  const d: number[] = [];
  const p: number[] = [];
  const diff: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const kind = kindAt(i);
    const runDirect = async () => {
      const result = await direct(world, kind, users.direct);
      check("direct", result, kind, users.direct, false);
      return result.ms;
    };
    const runProxied = async () => {
      const result = await proxied(world, kind, users.proxied);
      check("proxied", result, kind, users.proxied, true);
      return result.ms;
    };
    let directMs: number;
    let proxiedMs: number;
    if (i % 2 === 0) {
      directMs = await runDirect();
      proxiedMs = await runProxied();
    } else {
      proxiedMs = await runProxied();
      directMs = await runDirect();
    }
    if (extra) {
      try {
        await extra();
      } catch (error) {
        throw new Error(`pair ${i}: ${(error as Error).message}`, { cause: error });
      }
    }
    if (i < WARMUP) continue;
    d.push(directMs);
    p.push(proxiedMs);
    diff.push(proxiedMs - directMs);
  }
  const direct_ = summarize(d);
  const proxied_ = summarize(p);
  const added = summarize(diff);
  return {
    direct: direct_,
    proxied: proxied_,
    added: { medianMs: added.medianMs, p95Ms: added.p95Ms, meanMs: added.meanMs },
    ratioMedian: round3(proxied_.medianMs / direct_.medianMs),
  };
}

/**
 * Whether the added latency is the worker's work or waiting: CPU time of the worker's runtime per request. The
 * runtime is the workerd child that does the work of direct requests (the other one is wrangler's dev proxy).
 */
async function workerCpuPerRequest(world: BenchWorld): Promise<OktaProxySection["latency"]["workerCpuPerRequestMs"]> {
  const pids = childWorkerdPids();
  const cpuOf = () => new Map(pids.map((pid) => [pid, processCpuNs(pid)]));
  const before = cpuOf();
  for (let i = 0; i < 20; i++) check("proxied", await proxied(world, "read", world.users.read), "read", world.users.read, true);
  const after = cpuOf();
  const runtime = pids.map((pid) => ({ pid, ns: after.get(pid)! - before.get(pid)! })).sort((a, b) => b.ns - a.ns)[0];
  if (!runtime) throw new Error("no workerd runtime found among this process's children");
  const perRequest = async (send: (i: number) => Promise<unknown>) => {
    const start = processCpuNs(runtime.pid);
    for (let i = 0; i < CPU_RUNS; i++) await send(i);
    return round3((processCpuNs(runtime.pid) - start) / 1e6 / CPU_RUNS);
  };
  const user = world.users.writeProxied;
  return {
    runs: CPU_RUNS,
    proxiedRead: await perRequest(async () => check("proxied", await proxied(world, "read", world.users.read), "read", world.users.read, true)),
    proxiedWrite: await perRequest(async (i) => {
      const kind = i % 2 === 0 ? "suspend" : "unsuspend";
      check("proxied", await proxied(world, kind, user), kind, user, true);
    }),
    healthRoute: await perRequest(async () => {
      const result = await timed(`${world.worker.url}/health`);
      if (result.status !== 200) throw new Error(`/health answered ${result.status}`);
    }),
  };
}

function wranglerVersion(): string {
  return (createRequire(import.meta.url)("wrangler/package.json") as { version: string }).version;
}

export async function runOktaProxyBench(log: (line: string) => void): Promise<OktaProxySection> {
  if (ACTIONS % CONCURRENCY !== 0) throw new Error("ACTIONS must be a multiple of CONCURRENCY");
  const world = await setUpWorld(CONCURRENCY, log);
  try {
    log(`token requests: ${ACTIONS} proxied actions, ${CONCURRENCY} in flight, cold token cache …`);
    const coldCache = await tokenRun(world);
    log(`  ${coldCache.tokenRequests} token requests (${JSON.stringify(coldCache.tokenRequestsPerScope)}), ${coldCache.actionsPerSecond} actions/s`);

    const expired = await call<{ expired: number }>(`${world.control}/tokens/expire`, { method: "POST" });
    log(`token requests: the fake expired ${expired.expired} tokens; ${ACTIONS} more actions …`);
    const afterExpireAll = await tokenRun(world);
    log(`  ${afterExpireAll.tokenRequests} token requests (${JSON.stringify(afterExpireAll.tokenRequestsPerScope)})`);

    await resetLogs(world);
    const health: number[] = [];
    const healthUrl = `${world.worker.url}/health`;
    log(`latency: ${WARMUP} + ${RUNS} interleaved read pairs (direct vs proxied) with a /health request each …`);
    let healthCalls = 0;
    const read = await pairs(
      world,
      () => "read",
      { direct: world.users.read, proxied: world.users.read },
      async () => {
        const result = await timed(healthUrl);
        if (result.status !== 200) throw new Error(`/health answered ${result.status}`);
        if (healthCalls++ >= WARMUP) health.push(result.ms);
      },
    );
    log(`latency: ${WARMUP} + ${RUNS} interleaved write pairs (suspend/unsuspend alternating) …`);
    const write = await pairs(world, (i) => (i % 2 === 0 ? "suspend" : "unsuspend"), { direct: world.users.writeDirect, proxied: world.users.writeProxied });

    log(`latency: ${DEV_PROXY_RUNS} proxied reads through wrangler's dev proxy (context) …`);
    const viaDevProxy: number[] = [];
    const devProxyWarmup = 10;
    for (let i = 0; i < devProxyWarmup + DEV_PROXY_RUNS; i++) {
      const result = await proxied(world, "read", world.users.read, world.worker.devProxyUrl);
      check("proxied via dev proxy", result, "read", world.users.read, true);
      if (i >= devProxyWarmup) viaDevProxy.push(result.ms);
    }
    const tokensDuringSeries = (await call<TokenLogEntry[]>(`${world.control}/token-requests`)).length;
    const apiCalls = (await call<ApiLogEntry[]>(`${world.control}/api-requests`)).filter((entry) => entry.authScheme !== "SSWS").length;
    const proxiedActions = 2 * (WARMUP + RUNS) + devProxyWarmup + DEV_PROXY_RUNS;

    log(`worker CPU: ${CPU_RUNS} sequential proxied reads, writes and /health requests …`);
    const workerCpu = await workerCpuPerRequest(world);

    log("storage calls: sequential warm proxied reads and writes, KV and Durable Object calls counted …");
    const writeUser = world.users.writeProxied;
    const storageCalls = await storageCallsPerAction(
      world.worker.url,
      async () => check("proxied", await proxied(world, "read", world.users.read), "read", world.users.read, true),
      async (i) => {
        const kind = i % 2 === 0 ? "suspend" : "unsuspend";
        check("proxied", await proxied(world, kind, writeUser), kind, writeUser, true);
      },
      async () => {
        const result = await timed(`${world.worker.url}/api/orgs/${ORG_ID}/okta/users/${world.users.read}/context`, { headers: world.bootstrap });
        const body = result.body as { okta?: { id?: string } } | null;
        if (result.status !== 200 || body?.okta?.id !== world.users.read) throw new Error(`user context answered ${result.status}`);
      },
    );

    if (world.worker.reloads() !== 0) throw new Error("wrangler reloaded the worker during the run (its config changed?): figures discarded");

    return {
      measuredAt: new Date().toISOString(),
      node: process.version,
      wrangler: wranglerVersion(),
      method: METHOD,
      tokenRequests: { coldCache, afterExpireAll },
      latency: {
        warmup: WARMUP,
        runs: RUNS,
        read,
        write,
        workerHealthRoute: summarize(health),
        proxiedReadViaDevProxy: { ...brief(summarize(viaDevProxy)), runs: DEV_PROXY_RUNS },
        tokenRequestsDuringSeries: tokensDuringSeries,
        oktaApiCallsPerProxiedAction: round3(apiCalls / proxiedActions),
        workerCpuPerRequestMs: workerCpu,
      },
      storageCallsPerAction: storageCalls,
    };
  } finally {
    await world.stop();
  }
}

export function oktaTable(section: OktaProxySection): string {
  const f = (value: number) => value.toFixed(3).padStart(9);
  const row = (name: string, s: Pick<Summary, "medianMs" | "p95Ms">) => `${name.padEnd(34)}${f(s.medianMs)}${f(s.p95Ms)}`;
  const { read, write } = section.latency;
  const tokens = (name: string, run: TokenRun) =>
    `${name.padEnd(22)}${String(run.tokenRequests).padStart(4)} token requests ${JSON.stringify(run.tokenRequestsPerScope)}; ` +
    `goal ${run.distinctScopes}: ${run.goalMet ? "met" : "NOT met"}; ${run.actions} actions all 200: ${run.allOk ? "yes" : "NO"}; ` +
    `${run.actionsPerSecond} actions/s (median ${run.latencyUnderLoad.medianMs.toFixed(1)} ms, p95 ${run.latencyUnderLoad.p95Ms.toFixed(1)} ms)`;
  return [
    `Okta proxy latency (ms, Node wall clock), ${section.latency.runs} interleaved pairs after ${section.latency.warmup} warm-up`,
    `${"".padEnd(34)}${["median", "p95"].map((h) => h.padStart(9)).join("")}`,
    row("read: direct to Okta (fake)", read.direct),
    row("read: through the worker", read.proxied),
    row("read: added (per-pair difference)", read.added),
    row("write: direct to Okta (fake)", write.direct),
    row("write: through the worker", write.proxied),
    row("write: added (per-pair difference)", write.added),
    row("worker /health (no Okta call)", section.latency.workerHealthRoute),
    row("read via wrangler's dev proxy", section.latency.proxiedReadViaDevProxy),
    `ratio of medians, proxied / direct: read ${read.ratioMedian.toFixed(2)}x, write ${write.ratioMedian.toFixed(2)}x; ` +
      `token requests during the series: ${section.latency.tokenRequestsDuringSeries}; Okta calls per proxied action: ${section.latency.oktaApiCallsPerProxiedAction}`,
    `worker runtime CPU per request (mean of ${section.latency.workerCpuPerRequestMs.runs}): proxied read ${section.latency.workerCpuPerRequestMs.proxiedRead.toFixed(3)} ms, ` +
      `proxied write ${section.latency.workerCpuPerRequestMs.proxiedWrite.toFixed(3)} ms, /health ${section.latency.workerCpuPerRequestMs.healthRoute.toFixed(3)} ms`,
    ...(["read", "write", "userContext"] as const).map((kind) => {
      const calls = section.storageCallsPerAction[kind];
      return `storage calls per ${kind === "userContext" ? "user context view" : `proxied ${kind}`} (${section.storageCallsPerAction.runs} warm): ${calls.perAction} (KV ${JSON.stringify(calls.kvPerAction)}, Durable Object ${JSON.stringify(calls.durableObjectPerAction)})`;
    }),
    `Token requests per ${section.tokenRequests.coldCache.actions} actions (${section.tokenRequests.coldCache.concurrency} in flight):`,
    tokens("  cold token cache", section.tokenRequests.coldCache),
    tokens("  after expire-all", section.tokenRequests.afterExpireAll),
  ].join("\n");
}
