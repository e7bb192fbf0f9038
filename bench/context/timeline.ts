/**
 * The timeline's first page (`GET /api/orgs/{org}/okta/users/{userId}/timeline`, default limit 25) on the same world
 * as the context bench: each measured user gets 40 System Log events seeded in the fake Okta first. Cold: the
 * user's first page (the Persona half is a cache miss). Warm: the same page again at once (Persona cached; Okta's
 * System Log is read on every page, by design). Upstream calls per page come from the fakes' in-process logs.
 */
import { call, type Timed, timed } from "../okta/http";
import { ORG_ID } from "../okta/setup";
import { round3, type Summary, summarize } from "../stats";
import type { ContextWorld } from "./setup";

export const TIMELINE_USERS = 30;
const EVENTS_PER_USER = 40;

type Calls = { oktaApi: number; oktaLogs: number; personaApi: number };

export type TimelineSection = {
  users: number;
  eventsPerUser: number;
  cold: Summary;
  warm: Summary;
  upstreamCallsPerPage: { cold: Calls; warm: Calls };
  itemsPerPage: number;
};

function lengths(world: ContextWorld): Calls {
  const org = world.okta.org(world.fakeOrg.orgId)!;
  return {
    oktaApi: org.apiRequests.length,
    oktaLogs: org.apiRequests.filter((request) => request.path === "/api/v1/logs").length,
    personaApi: world.persona.env(world.personaEnvId)!.requests.length,
  };
}

const minus = (a: Calls, b: Calls): Calls => ({ oktaApi: a.oktaApi - b.oktaApi, oktaLogs: a.oktaLogs - b.oktaLogs, personaApi: a.personaApi - b.personaApi });
const mean = (calls: Calls[]): Calls => {
  const avg = (key: keyof Calls) => round3(calls.reduce((sum, c) => sum + c[key], 0) / calls.length);
  return { oktaApi: avg("oktaApi"), oktaLogs: avg("oktaLogs"), personaApi: avg("personaApi") };
};

function page(world: ContextWorld, userId: string): Promise<Timed> {
  return timed(`${world.worker.url}/api/orgs/${ORG_ID}/okta/users/${userId}/timeline`, { headers: world.bootstrap });
}

function check(result: Timed, userId: string): number {
  const body = result.body as { items?: Array<{ source: string }>; errors?: Record<string, unknown> } | null;
  if (result.status !== 200 || !body?.items || Object.keys(body.errors ?? {}).length > 0) {
    throw new Error(`timeline of ${userId}: status ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
  }
  if (!body.items.some((item) => item.source === "okta") || !body.items.some((item) => item.source === "persona")) {
    throw new Error(`timeline of ${userId}: a source is missing from the first page`);
  }
  return body.items.length;
}

export async function timelineBench(world: ContextWorld, users: string[], log: (line: string) => void): Promise<TimelineSection> {
  const measured = users.slice(0, TIMELINE_USERS);
  log(`timeline: seeding ${EVENTS_PER_USER} System Log events for each of ${measured.length} users …`);
  const now = Date.now();
  for (const userId of measured) {
    const events = Array.from({ length: EVENTS_PER_USER }, (_, i) => ({
      eventType: i % 10 === 0 ? "user.mfa.factor.reset_all" : "user.session.start",
      published: new Date(now - (i + 1) * 3_600_000).toISOString(),
      target: [{ id: userId, type: "User" }],
      client: { ipAddress: `10.0.${i % 4}.1`, geographicalContext: { country: i % 7 === 0 ? "Peru" : "France", city: "X" } },
    }));
    await call(`${world.control}/log-events`, { json: events }, 201);
  }
  log(`timeline: first page of ${measured.length} users, cold then warm …`);
  const cold: number[] = [];
  const warm: number[] = [];
  const coldCalls: Calls[] = [];
  const warmCalls: Calls[] = [];
  let items = 0;
  for (const userId of measured) {
    for (const [times, calls] of [
      [cold, coldCalls],
      [warm, warmCalls],
    ] as const) {
      const before = lengths(world);
      const result = await page(world, userId);
      calls.push(minus(lengths(world), before));
      items = check(result, userId);
      times.push(result.ms);
    }
  }
  return {
    users: measured.length,
    eventsPerUser: EVENTS_PER_USER,
    cold: summarize(cold),
    warm: summarize(warm),
    upstreamCallsPerPage: { cold: mean(coldCalls), warm: mean(warmCalls) },
    itemsPerPage: items,
  };
}

export function timelineTable(section: TimelineSection): string {
  const ms = (value: number) => value.toFixed(1).padStart(9);
  const calls = (c: Calls) => `Okta ${c.oktaApi} (System Log ${c.oktaLogs}), Persona ${c.personaApi}`;
  return [
    `Timeline first page (${section.itemsPerPage} items; ms, Node wall clock), ${section.users} users with ${section.eventsPerUser} System Log events each`,
    `${"".padEnd(36)}${["median", "p95"].map((h) => h.padStart(9)).join("")}   upstream calls per page`,
    `${"cold (Persona cache miss)".padEnd(36)}${ms(section.cold.medianMs)}${ms(section.cold.p95Ms)}   ${calls(section.upstreamCallsPerPage.cold)}`,
    `${"warm (same page again)".padEnd(36)}${ms(section.warm.medianMs)}${ms(section.warm.p95Ms)}   ${calls(section.upstreamCallsPerPage.warm)}`,
  ].join("\n");
}
