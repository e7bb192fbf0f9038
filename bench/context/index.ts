/**
 * User context benchmark: `GET /api/orgs/{org}/okta/users/{userId}/context` on the real worker (local workerd,
 * wrangler.toml) with the fake Okta and the fake Persona (both in this Node process, loopback).
 *
 * 1. Latency: sequential views, interleaved pairs (alternating which goes first) of a view of a user seen for the
 *    first time (the Persona half is a cache miss: 3 Persona calls) and a view of one user already seen (a hit:
 *    no Persona call). The Okta half (user + groups) is asked on every view, by design.
 * 2. Burst: 100 views of one fresh user, 8 in flight, counted in the fakes' request logs.
 *
 * Every answer must be 200 with the Okta user, their two groups, and the seeded Persona account with its two cases
 * (open first) and two inquiries; a sequential view must also be the cache miss or hit it is meant to be.
 */
import { createRequire } from "node:module";
import { call, type Timed, timed } from "../okta/http";
import { ORG_ID } from "../okta/setup";
import { round3, type Summary, summarize } from "../stats";
import { type ContextWorld, setUpContextWorld } from "./setup";
import { TIMELINE_USERS, type TimelineSection, timelineBench, timelineTable } from "./timeline";

export const WARMUP = 20;
export const RUNS = 200;
export const BURST_VIEWS = 100;
export const BURST_CONCURRENCY = 8;
/** Warm-up users, measured cold users, the cached user, the two burst users and the timeline's users. */
const USERS = WARMUP + RUNS + 3 + TIMELINE_USERS;

type Calls = { oktaApi: number; oktaToken: number; personaApi: number };

export type ContextSection = {
  measuredAt: string;
  node: string;
  wrangler: string;
  method: string;
  seeded: {
    oktaUsers: number;
    groupsPerUser: number;
    personaAccounts: number;
    casesPerAccount: number;
    openCasesPerAccount: number;
    inquiriesPerAccount: number;
  };
  latency: {
    warmup: number;
    runs: number;
    /** A user's first view: the Persona half is a cache miss. */
    personaMiss: Summary;
    /** The same user again: the Persona half comes from the organization's cache. */
    personaHit: Summary;
    /** Per-pair miss - hit. */
    missMinusHit: Pick<Summary, "medianMs" | "p95Ms" | "meanMs">;
    /** Upstream calls per view, counted in the fakes' logs around each measured view. */
    upstreamCallsPerView: { personaMiss: Calls; personaHit: Calls };
  };
  burst: {
    views: number;
    concurrency: number;
    allOk: boolean;
    wallSeconds: number;
    latency: Pick<Summary, "medianMs" | "p95Ms">;
    /** Views whose Persona half was not from the cache (each asked Persona). */
    viewsThatAskedPersona: number;
    oktaApiCalls: number;
    oktaApiCallsByOperation: Record<string, number>;
    oktaTokenRequests: number;
    personaApiCalls: number;
    personaApiCallsByOperation: Record<string, number>;
    perView: { oktaApiCalls: number; oktaTokenRequests: number; personaApiCalls: number };
    note: string;
  };
  /**
   * The same burst on another fresh user once the organization's Okta event hook has delivered: the gate then keeps
   * the user's groups (the status is still read on every view).
   */
  burstWithHook: ContextSection["burst"];
  /** The timeline's first page, cold and warm (timeline.ts). */
  timeline: TimelineSection;
};

const METHOD =
  "Real worker (worker/src/index.ts, wrangler.toml, local KV + Durable Objects) in local workerd via wrangler's DevEnv, " +
  "requests sent straight to the worker's runtime; fake Okta (okta/setup.ts world, API Service credential, token " +
  "cached after the warm-up) and fake Persona (one environment, connected with PUT /api/orgs/{org}/persona) in the " +
  "bench's Node process on their own loopback ports, rate limits raised so that none applies. Each of the 222 seeded " +
  "Okta users is in 2 groups and has a Persona account (reference-id = Okta user ID) with 2 cases (1 open, 1 resolved) " +
  "and 2 inquiries. Views: GET /api/orgs/{org}/okta/users/{id}/context with the bootstrap bearer (acts as admin, so " +
  "the recent audit is read too). Latency: Node wall clock (performance.now) from fetch to the last body byte; " +
  `${WARMUP} warm-up views of other users, then ${RUNS} interleaved pairs, sequential, alternating which goes first: ` +
  "a user's first view (Persona half a cache miss: account by reference-id, then its cases and inquiries) and a view " +
  "of one user already seen (Persona half from the organization's Durable Object cache, 60 s TTL). Upstream calls per " +
  "view: the fakes' logs (in-process lengths) before and after each measured view. Burst: both fakes' request logs " +
  `reset through their control APIs, then ${BURST_VIEWS} views of one user never viewed before, ${BURST_CONCURRENCY} in ` +
  "flight, counted in the logs read back through the control APIs. The worker is bundled from a copy of worker/src " +
  "and shared/ taken at start.";

function count<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function view(world: ContextWorld, userId: string): Promise<Timed> {
  return timed(`${world.worker.url}/api/orgs/${ORG_ID}/okta/users/${userId}/context`, { headers: world.bootstrap });
}

/** A complete answer for a seeded user, and (sequential views) the cache outcome it was meant to have. */
function check(what: string, result: Timed, userId: string, expectCached?: boolean): boolean {
  const body = result.body as Record<string, any> | null;
  const persona = body?.persona as Record<string, any> | undefined;
  const cases = persona?.cases as Array<Record<string, any>> | undefined;
  const problem =
    result.status !== 200
      ? `status ${result.status}`
      : body?.okta?.id !== userId || body?.oktaError
        ? "no Okta user"
        : body.okta.groups?.length !== 2
          ? "not the 2 groups"
          : persona?.error
            ? "Persona error"
            : persona?.matchedBy !== "reference-id" || persona?.account?.referenceId !== userId
              ? "not the seeded Persona account"
              : !Array.isArray(cases) || cases.length !== 2 || cases[0]?.open !== true || cases[1]?.open !== false
                ? "not the 2 seeded cases (open first)"
                : persona.inquiries?.length !== 2
                  ? "not the 2 seeded inquiries"
                  : expectCached !== undefined && persona.cached !== expectCached
                    ? `Persona half ${persona.cached ? "cached" : "not cached"}, expected ${expectCached ? "a cache hit" : "a cache miss"}`
                    : null;
  if (problem === null) return true;
  throw new Error(`${what} view of ${userId}: ${problem}: ${JSON.stringify(result.body).slice(0, 1000)}`);
}

/** In-process lengths of the fakes' request logs (no control call between measured views). */
function logLengths(world: ContextWorld): Calls {
  const org = world.okta.org(world.fakeOrg.orgId)!;
  return { oktaApi: org.apiRequests.length, oktaToken: org.tokenRequests.length, personaApi: world.persona.env(world.personaEnvId)!.requests.length };
}

function minus(after: Calls, before: Calls): Calls {
  return { oktaApi: after.oktaApi - before.oktaApi, oktaToken: after.oktaToken - before.oktaToken, personaApi: after.personaApi - before.personaApi };
}

function mean(calls: readonly Calls[]): Calls {
  const avg = (key: keyof Calls) => round3(calls.reduce((sum, c) => sum + c[key], 0) / calls.length);
  return { oktaApi: avg("oktaApi"), oktaToken: avg("oktaToken"), personaApi: avg("personaApi") };
}

async function latency(world: ContextWorld, coldUsers: string[], cachedUser: string, log: (line: string) => void): Promise<ContextSection["latency"]> {
  const warmupUsers = coldUsers.splice(0, WARMUP);
  log(`latency: ${WARMUP} warm-up views of other users, then ${RUNS} interleaved pairs (first view / cached view) …`);
  for (const userId of warmupUsers) check("warm-up", await view(world, userId), userId, false);
  check("priming", await view(world, cachedUser), cachedUser, false);

  const miss: number[] = [];
  const hit: number[] = [];
  const diff: number[] = [];
  const missCalls: Calls[] = [];
  const hitCalls: Calls[] = [];
  const measure = async (userId: string, cached: boolean) => {
    const before = logLengths(world);
    const result = await view(world, userId);
    const calls = minus(logLengths(world), before);
    check(cached ? "cached" : "first", result, userId, cached);
    (cached ? hitCalls : missCalls).push(calls);
    return result.ms;
  };
  for (const [i, userId] of coldUsers.entries()) {
    let missMs: number;
    let hitMs: number;
    if (i % 2 === 0) {
      missMs = await measure(userId, false);
      hitMs = await measure(cachedUser, true);
    } else {
      hitMs = await measure(cachedUser, true);
      missMs = await measure(userId, false);
    }
    miss.push(missMs);
    hit.push(hitMs);
    diff.push(missMs - hitMs);
  }
  const added = summarize(diff);
  return {
    warmup: WARMUP,
    runs: miss.length,
    personaMiss: summarize(miss),
    personaHit: summarize(hit),
    missMinusHit: { medianMs: added.medianMs, p95Ms: added.p95Ms, meanMs: added.meanMs },
    upstreamCallsPerView: { personaMiss: mean(missCalls), personaHit: mean(hitCalls) },
  };
}

type OktaLogEntry = { operationId?: string; path: string; authScheme: string | null };
type PersonaLogEntry = { operationId?: string; path: string };

async function burst(world: ContextWorld, userId: string, log: (line: string) => void): Promise<ContextSection["burst"]> {
  log(`burst: ${BURST_VIEWS} views of one fresh user, ${BURST_CONCURRENCY} in flight …`);
  await call(`${world.control}/requests`, { method: "DELETE" }, 204);
  await call(`${world.personaControl}/requests`, { method: "DELETE" }, 204);
  const results: Timed[] = [];
  const failures: string[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BURST_CONCURRENCY }, async () => {
      while (next < BURST_VIEWS) {
        next++;
        const result = await view(world, userId);
        results.push(result);
        try {
          check("burst", result, userId);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  if (failures.length > 0) throw new Error(`${failures.length} of ${results.length} burst views failed; first: ${failures[0]}`);
  const oktaApi = await call<OktaLogEntry[]>(`${world.control}/api-requests`);
  const oktaTokens = await call<unknown[]>(`${world.control}/token-requests`);
  const personaApi = await call<PersonaLogEntry[]>(`${world.personaControl}/requests`);
  const perView = (n: number) => round3(n / results.length);
  const asked = results.filter((result) => (result.body as { persona: { cached: boolean } }).persona.cached === false).length;
  return {
    views: results.length,
    concurrency: BURST_CONCURRENCY,
    allOk: true,
    wallSeconds: round3(wallSeconds),
    latency: (({ medianMs, p95Ms }) => ({ medianMs, p95Ms }))(summarize(results.map((result) => result.ms))),
    viewsThatAskedPersona: asked,
    oktaApiCalls: oktaApi.length,
    oktaApiCallsByOperation: count(oktaApi, (entry) => entry.operationId ?? entry.path),
    oktaTokenRequests: oktaTokens.length,
    personaApiCalls: personaApi.length,
    personaApiCallsByOperation: count(personaApi, (entry) => entry.operationId ?? entry.path),
    perView: { oktaApiCalls: perView(oktaApi.length), oktaTokenRequests: perView(oktaTokens.length), personaApiCalls: perView(personaApi.length) },
    note:
      "The Okta half is always fresh by design (a user's status must never be stale): every view reads the user and " +
      "their groups (2 Okta calls; the OAuth token stays cached). The Persona half is cached per organization for 60 s, " +
      "so only views that found no cached entry asked Persona, 3 calls each (account by reference-id, then its cases " +
      "and inquiries). Views of the same user that start before the first lookup is cached each ask Persona (there is " +
      `no single-flight): here ${asked} views asked, ${personaApi.length} Persona calls where one lookup needs 3.`,
  };
}

/** Sets the organization's Okta event hook secret and delivers one batch, as Okta would once the hook is live. */
async function enableHook(world: ContextWorld, log: (line: string) => void): Promise<void> {
  log("event hook: secret set, one batch delivered …");
  const secret = "bench-okta-hook-secret-0123456789";
  await call(`${world.worker.url}/api/orgs/${ORG_ID}/okta/event-hook`, { method: "PUT", headers: world.bootstrap, json: { secrets: [secret] } });
  const event = { uuid: crypto.randomUUID(), published: new Date().toISOString(), eventType: "user.session.start", target: [] };
  await call(`${world.worker.url}/${ORG_ID}/hooks/okta`, { headers: { authorization: secret }, json: { data: { events: [event] } } });
  // The batch is handled after the acknowledgement.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

function wranglerVersion(): string {
  return (createRequire(import.meta.url)("wrangler/package.json") as { version: string }).version;
}

export async function runContextBench(log: (line: string) => void): Promise<ContextSection> {
  const world = await setUpContextWorld(USERS, log);
  try {
    const users = [...world.userIds];
    const timelineUsers = users.splice(-TIMELINE_USERS);
    const burstUser = users.pop()!;
    const hookBurstUser = users.pop()!;
    const cachedUser = users.pop()!;
    const latencySection = await latency(world, users, cachedUser, log);
    log(`  first view median ${latencySection.personaMiss.medianMs} ms, cached view median ${latencySection.personaHit.medianMs} ms`);
    const burstSection = await burst(world, burstUser, log);
    log(`  ${burstSection.oktaApiCalls} Okta calls, ${burstSection.oktaTokenRequests} token requests, ${burstSection.personaApiCalls} Persona calls`);
    await enableHook(world, log);
    const hookBurstSection = await burst(world, hookBurstUser, log);
    log(`  with the event hook delivering: ${hookBurstSection.oktaApiCalls} Okta calls for ${hookBurstSection.views} views`);
    const timelineSection = await timelineBench(world, timelineUsers, log);
    log(`  timeline first page: cold median ${timelineSection.cold.medianMs} ms, warm median ${timelineSection.warm.medianMs} ms`);
    if (world.worker.reloads() !== 0) throw new Error(`the worker reloaded ${world.worker.reloads()} time(s) during the bench`);
    return {
      measuredAt: new Date().toISOString(),
      node: process.version,
      wrangler: wranglerVersion(),
      method: METHOD,
      seeded: {
        oktaUsers: world.userIds.length,
        groupsPerUser: 2,
        personaAccounts: world.userIds.length,
        casesPerAccount: 2,
        openCasesPerAccount: 1,
        inquiriesPerAccount: 2,
      },
      latency: latencySection,
      burst: burstSection,
      burstWithHook: hookBurstSection,
      timeline: timelineSection,
    };
  } finally {
    log("stopping the worker and both fakes …");
    await world.stopAll();
  }
}

export function contextTable(section: ContextSection): string {
  const { latency: l, burst: b } = section;
  const ms = (value: number) => value.toFixed(1).padStart(9);
  const calls = (c: Calls) => `Okta ${c.oktaApi} + ${c.oktaToken} token, Persona ${c.personaApi}`;
  return [
    `User context latency (ms, Node wall clock), ${l.runs} interleaved pairs after ${l.warmup} warm-up`,
    `${"".padEnd(36)}${["median", "p95"].map((h) => h.padStart(9)).join("")}   upstream calls per view`,
    `${"first view (Persona cache miss)".padEnd(36)}${ms(l.personaMiss.medianMs)}${ms(l.personaMiss.p95Ms)}   ${calls(l.upstreamCallsPerView.personaMiss)}`,
    `${"same user again (Persona cached)".padEnd(36)}${ms(l.personaHit.medianMs)}${ms(l.personaHit.p95Ms)}   ${calls(l.upstreamCallsPerView.personaHit)}`,
    `${"miss - hit (per-pair difference)".padEnd(36)}${ms(l.missMinusHit.medianMs)}${ms(l.missMinusHit.p95Ms)}`,
    `Burst: ${b.views} views of one fresh user, ${b.concurrency} in flight, all 200 with cases: ${b.allOk ? "yes" : "NO"} ` +
      `(${b.wallSeconds.toFixed(2)} s, median ${b.latency.medianMs.toFixed(1)} ms, p95 ${b.latency.p95Ms.toFixed(1)} ms)`,
    `${"".padEnd(24)}${"total".padStart(7)}${"per view".padStart(10)}`,
    `${"  Okta API calls".padEnd(24)}${String(b.oktaApiCalls).padStart(7)}${b.perView.oktaApiCalls.toFixed(2).padStart(10)}   ${JSON.stringify(b.oktaApiCallsByOperation)}`,
    `${"  Okta token requests".padEnd(24)}${String(b.oktaTokenRequests).padStart(7)}${b.perView.oktaTokenRequests.toFixed(2).padStart(10)}`,
    `${"  Persona API calls".padEnd(24)}${String(b.personaApiCalls).padStart(7)}${b.perView.personaApiCalls.toFixed(2).padStart(10)}   ${JSON.stringify(b.personaApiCallsByOperation)}`,
    `  views that asked Persona (not cached): ${b.viewsThatAskedPersona}. Okta is read on every view by design (user + groups, ` +
      "always fresh); Persona is cached per organization for 60 s.",
    `With the Okta event hook delivering: ${section.burstWithHook.views} views of one fresh user, ${section.burstWithHook.oktaApiCalls} Okta API calls ` +
      `${JSON.stringify(section.burstWithHook.oktaApiCallsByOperation)} (groups kept by the gate, dropped on the user's hook events and our writes)`,
    timelineTable(section.timeline),
  ].join("\n");
}
