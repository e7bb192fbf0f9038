/** The LogoutRequest IDs we send are bounded like AuthnRequest IDs: anyone signed in can log out, and each stores a row. */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OrgStore } from "../../../../worker/src/gate/org-gate";
import { consumeLogoutRequest, insertLogoutRequest, MAX_PENDING_LOGOUT_REQUESTS } from "../../../../worker/src/storage/org-store/logout-requests";
import { createOrg } from "../../support/api";

describe("pending LogoutRequest IDs", () => {
  it(`keeps at most ${MAX_PENDING_LOGOUT_REQUESTS}, making room with the ones closest to expiry, and never the new one`, async () => {
    const org = await createOrg();
    const now = Date.now();
    const kept = await runInDurableObject(env.ORG_STORE.get(env.ORG_STORE.idFromName(org.id)), (_instance: OrgStore, state) => {
      const sql = state.storage.sql;
      for (let i = 0; i <= MAX_PENDING_LOGOUT_REQUESTS + 10; i++) insertLogoutRequest(sql, `id-${i}`, now + 600_000 + i, now);
      // The newest expires first of all, yet it is the one just sent: it stays.
      insertLogoutRequest(sql, "id-last", now + 1, now);
      const ids = (sql.exec("SELECT id FROM logout_requests ORDER BY expires_at").toArray() as Array<{ id: string }>).map((row) => row.id);
      return { count: ids.length, first: ids[0], second: ids[1], consumed: consumeLogoutRequest(sql, "id-last", now) };
    });
    expect(kept).toEqual({ count: MAX_PENDING_LOGOUT_REQUESTS, first: "id-last", second: "id-12", consumed: true });
  });
});
