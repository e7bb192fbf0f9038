/**
 * `GET /{org}/login` needs no credential and stores a pending AuthnRequest ID. It is rate limited per client IP and
 * organization before the write (worker/src/routes/sp-endpoints.ts, the LOGIN_RATE_LIMIT binding), and the table
 * is capped whatever gets through (worker/src/storage/org-store/authn-requests.ts).
 */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OrgStore } from "../../../worker/src/gate/org-gate";
import { MAX_PENDING_AUTHN_REQUESTS } from "../../../worker/src/storage/org-store/authn-requests";
import { api, errorCode, orgWithSso, testIdp } from "../support/api";

const LIMIT = 30;

const login = (orgId: string, ip: string) => api(`/${orgId}/login`, { headers: { "cf-connecting-ip": ip } });

function store(orgId: string) {
  return env.ORG_STORE.get(env.ORG_STORE.idFromName(orgId));
}

async function pendingRequests(orgId: string): Promise<number> {
  return runInDurableObject(store(orgId), (_instance: OrgStore, state) => Number(state.storage.sql.exec("SELECT COUNT(*) AS n FROM authn_requests").one().n));
}

describe("GET /{org}/login: bounded writes", () => {
  it(`allows ${LIMIT} sign-ins a minute from one address, then answers 429 and stores nothing more`, async () => {
    const org = await orgWithSso(await testIdp());
    for (let i = 0; i < LIMIT; i++) expect((await login(org.id, "203.0.113.7")).status).toBe(302);
    const refused = await login(org.id, "203.0.113.7");
    expect(refused.status).toBe(429);
    expect(await errorCode(refused)).toBe("login_rate_limited");
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await pendingRequests(org.id)).toBe(LIMIT);
  });

  it("counts each address and each organization apart", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const other = await orgWithSso(idp);
    for (let i = 0; i < LIMIT; i++) await login(org.id, "198.51.100.9");
    expect((await login(org.id, "198.51.100.9")).status).toBe(429);
    expect((await login(org.id, "198.51.100.10")).status).toBe(302);
    expect((await login(other.id, "198.51.100.9")).status).toBe(302);
  });

  it(`keeps at most ${MAX_PENDING_AUTHN_REQUESTS} pending requests, making room with the oldest`, async () => {
    const org = await orgWithSso(await testIdp());
    const now = Date.now();
    const kept = await runInDurableObject(store(org.id), (instance: OrgStore, state) => {
      for (let i = 0; i <= MAX_PENDING_AUTHN_REQUESTS + 10; i++) instance.rememberAuthnRequest(`id-${i}`, now + 600_000 + i, now);
      const ids = (state.storage.sql.exec("SELECT id FROM authn_requests ORDER BY expires_at").toArray() as Array<{ id: string }>).map((row) => row.id);
      return { count: ids.length, oldest: ids[0], newest: ids.at(-1) };
    });
    expect(kept).toEqual({ count: MAX_PENDING_AUTHN_REQUESTS, oldest: "id-11", newest: `id-${MAX_PENDING_AUTHN_REQUESTS + 10}` });
  });
});
