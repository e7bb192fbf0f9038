/**
 * Shared fixtures of the System Log and event hook conformance tests: an org whose service app may read the log,
 * seeding, reading pages by following `Link: rel="next"`, and the fake's hook receivers (a workerd test cannot listen
 * for HTTP, so the fake plays the hook's endpoint at `<control>/hook-receivers/<name>`).
 */
import { expect } from "vitest";
import { adminOrg, CONTROL, control, type J, type TestOrg } from "./support";

export const LOG_SCOPES = ["okta.users.read", "okta.users.manage", "okta.authenticators.read", "okta.logs.read"];

/** An org with a Super Admin service app granted the four scopes and a token for all of them. */
export async function logsOrg(users: unknown[] = [], orgBody: Record<string, unknown> = {}) {
  const app = { client: { grantedScopes: LOG_SCOPES, name: "Companion Service App" }, scope: LOG_SCOPES.join(" ") };
  const fixture = await adminOrg(users, orgBody, app);
  return { ...fixture, logs: (query = "") => fixture.call(`/api/v1/logs${query}`) };
}

export const seedEvents = (org: TestOrg, events: unknown[]): Promise<J[]> => control("POST", `/orgs/${org.orgId}/log-events`, events);

export const iso = (ms: number) => new Date(ms).toISOString();
export const minutesAgo = (minutes: number) => iso(Date.now() - minutes * 60_000);
export const query = (params: Record<string, string | number>) => `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

export const nextLink = (response: Response): string | undefined => /<([^>]+)>; rel="next"/.exec(response.headers.get("link") ?? "")?.[1];
export const selfLink = (response: Response): string | undefined => /<([^>]+)>; rel="self"/.exec(response.headers.get("link") ?? "")?.[1];

/** Follows `next` links from `url` (at most `maxPages`), returning each page's events. */
export async function followPages(url: string, token: string, maxPages = 20): Promise<{ pages: J[][]; last: Response }> {
  const pages: J[][] = [];
  let current: string | undefined = url;
  let last: Response | undefined;
  while (current !== undefined && pages.length < maxPages) {
    last = await fetch(current, { headers: { authorization: `Bearer ${token}` } });
    expect(last.status, current).toBe(200);
    pages.push((await last.json()) as J[]);
    current = nextLink(last);
  }
  return { pages, last: last! };
}

export const eventTypes = async (response: Response): Promise<string[]> => {
  const body = (await response.json()) as J[];
  expect(response.status, JSON.stringify(body)).toBe(200);
  return body.map((event) => event.eventType);
};

// --- event hook receivers ---------------------------------------------------------------------------------------

export const receiverUrl = (name: string) => `${CONTROL}/hook-receivers/${name}`;
export const configureReceiver = (name: string, config: Record<string, unknown>) => control("PUT", `/hook-receivers/${name}/config`, config);
export const received = async (name: string): Promise<J[]> => (await control("GET", `/hook-receivers/${name}/requests`)).requests;

/** Polls until `check` returns a value other than undefined (hook deliveries are asynchronous). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function registerHook(org: TestOrg, body: Record<string, unknown>): Promise<J> {
  return control("POST", `/orgs/${org.orgId}/event-hooks`, body);
}
