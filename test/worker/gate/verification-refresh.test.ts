import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OktaGate } from "../../../worker/src/gate/okta-gate";
import type { PersonaGate } from "../../../worker/src/gate/persona-gate";
import { VerificationRefresher } from "../../../worker/src/gate/verification-refresh";
import { RateLimitBook } from "../../../worker/src/net/rate-limit-book";
import { insertVerification } from "../../../worker/src/storage/org-store/verifications";
import { connection } from "../persona/fake-fetch";

const USER = "00uRefreshUser000001";

/** Persona's answer for the inquiry: its status, on the user's account, from the template. */
const inquiry = (status: string) => ({
  data: {
    type: "inquiry",
    id: "inq_Race1",
    attributes: { status, fields: {} },
    relationships: { "inquiry-template": { data: { type: "inquiry-template", id: "itmpl_T1" } }, account: { data: { type: "account", id: "act_1" } } },
  },
  included: [{ type: "account", id: "act_1", attributes: { "reference-id": USER } }],
});

describe("reading a verification back from Persona", () => {
  it("a webhook during a read in flight reads again after it, so the change it announces is never lost", async () => {
    const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(`refresh-${crypto.randomUUID()}`));
    const outcome = await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql;
      const created = insertVerification(sql, {
        oktaUserId: USER,
        templateId: "itmpl_T1",
        inquiryId: "inq_Race1",
        inquiryStatus: "created",
        createdBy: "op",
        requestedFor: null,
        credentialId: "crd_1",
        nowMs: Date.now(),
      });
      let personaStatus = "pending";
      let releaseFirst: () => void = () => {};
      const firstHeld = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let reads = 0;
      let firstAsked: () => void = () => {};
      const firstSent = new Promise<void>((resolve) => {
        firstAsked = resolve;
      });
      const fetchFn = (async () => {
        reads += 1;
        const answer = inquiry(personaStatus);
        if (reads === 1) {
          // The operator's read is slow: Persona answers what it saw when asked.
          firstAsked();
          await firstHeld;
        }
        return new Response(JSON.stringify(answer), { status: 200, headers: { "content-type": "application/json" } });
      }) as typeof fetch;
      const ambient = { fetch: fetchFn, nowMs: Date.now, attemptTimeoutMs: 5_000, rateLimits: new RateLimitBook() };
      const persona = { open: async () => ({ record: {}, connection: connection() }), ambient: () => ambient } as unknown as PersonaGate;
      const okta = { open: async () => Promise.reject(new Error("no Okta here")), ambient: () => ({}) } as unknown as OktaGate;
      const refresher = new VerificationRefresher(
        sql,
        okta,
        persona,
        async () => null,
        () => {},
      );

      const operatorRead = refresher.refreshIfDue(created, Date.now());
      await firstSent;
      personaStatus = "approved"; // the person passes; Persona sends inquiry.approved while the read is in flight
      const webhook = refresher.inquiryChanged("inq_Race1", "inquiry.approved", Date.now());
      releaseFirst();
      return { operator: (await operatorRead).status, webhook: (await webhook)?.status, reads };
    });
    expect(outcome).toEqual({ operator: "pending", webhook: "verified", reads: 2 });
  });
});
