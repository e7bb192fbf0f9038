/**
 * What an unauthenticated or merely signed webhook sender can make the worker do: the signature header is bounded
 * before any HMAC (worker/src/persona/webhook-signature.ts), and a rule acts only on an Okta user ID, never on a
 * login that Okta would resolve (worker/src/persona/apply-rules.ts).
 */
import { describe, expect, it } from "vitest";
import { oktaFixture } from "../okta/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";
import { caseEvent, configure, deliver, SECRET, signature } from "./webhook-support";

type LogEntry = { event: string; message: string };

async function ruleLog(orgId: string): Promise<LogEntry[]> {
  for (let i = 0; i < 50; i++) {
    const entries = ((await (await api(`/api/orgs/${orgId}/log`, { headers: BOOTSTRAP })).json()) as { entries: LogEntry[] }).entries.filter(
      (entry) => entry.event === "persona.rule",
    );
    if (entries.length > 0) return entries;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

describe("Persona webhooks: what a signed event may target", () => {
  it("a reference ID that is an Okta login (not a 00u… ID) is skipped: Okta is never asked and the user stays active", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const event = caseEvent({ status: "Declined", referenceId: "ada@acme.test" });
    const delivered = await deliver(okta.org.id, event, (body) => signature(body, SECRET));
    expect(delivered.status).toBe(200);
    const log = await ruleLog(okta.org.id);
    expect(log.map((entry) => entry.message)).toEqual([expect.stringContaining("skipped: the event is not about exactly one Okta user ID")]);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("ACTIVE");
    expect((await okta.apiRequests()).filter((request) => request.method === "POST")).toEqual([]);
  });

  it("the same rule acts on the user's ID (control)", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    await deliver(okta.org.id, caseEvent({ status: "Declined", referenceId: okta.users.active }), (body) => signature(body, SECRET));
    expect((await ruleLog(okta.org.id)).map((entry) => entry.message)).toEqual([expect.stringContaining("ran suspend")]);
  });
});

describe("Persona webhooks: the signature header is bounded before any HMAC", () => {
  it("refuses more than four signature sets even when one of them verifies", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const event = caseEvent({ status: "Approved", referenceId: okta.users.active });
    const forged = (body: string) => signature(body, "not-the-secret-000000000000");
    const four = await deliver(okta.org.id, event, (body) => [forged(body), forged(body), forged(body), signature(body, SECRET)].join(" "));
    expect(four.status).toBe(200);
    const five = await deliver(okta.org.id, caseEvent({ status: "Approved", referenceId: okta.users.active }), (body) =>
      [1, 2, 3, 4]
        .map(() => forged(body))
        .concat(signature(body, SECRET))
        .join(" "),
    );
    expect(five.status).toBe(401);
    expect(await errorCode(five)).toBe("webhook_signature_invalid");
  });

  it("refuses 1,000 signature sets over a large body as webhook_signature_invalid", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const event = { ...caseEvent({ status: "Approved", referenceId: okta.users.active }), padding: "x".repeat(200_000) };
    const response = await deliver(okta.org.id, event, (body) => Array.from({ length: 1000 }, () => signature(body, "not-the-secret-000000000000")).join(" "));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("webhook_signature_invalid");
  });

  it("judges the timestamp first: a stale set is webhook_timestamp_stale whatever its HMAC", async () => {
    const okta = await oktaFixture();
    await configure(okta);
    const staleT = Math.floor(Date.now() / 1000) - 600;
    const response = await deliver(okta.org.id, caseEvent({ status: "Approved", referenceId: okta.users.active }), (body) =>
      signature(body, "not-the-secret-000000000000", staleT),
    );
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("webhook_timestamp_stale");
  });
});
