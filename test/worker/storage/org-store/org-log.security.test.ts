/**
 * The organization's log is written by anyone who can post to the ACS. What such a sender chooses is quoted at
 * token length, and their refusals live in a budget of their own, so neither a huge attribute nor a flood of
 * garbage posts can fill the log or push real sign-ins out of it (worker/src/storage/org-store/org-log.ts).
 */
import { describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../../../../shared/errors";
import { base64, descendant, mutate, NS, refusalCode, responseOf, signatureOf } from "../../saml/support/mutate";
import { signedResponseFor, ssoOrg } from "../../saml/support/signed-response";
import { api, BOOTSTRAP, postAcs } from "../../support/api";

type Entry = { id: number; event: string; code: string | null; message: string; details: Record<string, unknown> };

async function logPage(orgId: string, query: string): Promise<{ entries: Entry[]; next: number | null }> {
  const response = await api(`/api/orgs/${orgId}/log?${query}`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  return (await response.json()) as { entries: Entry[]; next: number | null };
}

async function wholeLog(orgId: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  let before: number | null = null;
  do {
    const page = await logPage(orgId, `limit=200${before === null ? "" : `&before=${before}`}`);
    entries.push(...page.entries);
    before = page.next;
  } while (before !== null);
  return entries;
}

describe("org log: what an unauthenticated sender writes is bounded", () => {
  it("quotes a 180 KB Algorithm value at token length in the refusal, the log entry and its details", async () => {
    const { org, xml } = await signedResponseFor("ada@example.com");
    const huge = `urn:x:${"A".repeat(180_000)}`;
    const tampered = mutate(xml, (doc) => {
      descendant(signatureOf(responseOf(doc)), NS.dsig, "SignatureMethod").setAttribute("Algorithm", huge);
    });
    const response = await postAcs(org.id, base64(tampered));
    const body = await response.text();
    expect({ status: response.status, code: (JSON.parse(body) as { error: { code: string } }).error.code }).toEqual({
      status: ERROR_STATUS.saml_algorithm_forbidden,
      code: "saml_algorithm_forbidden",
    });
    expect(body.length).toBeLessThan(2_000);
    const [newest] = (await logPage(org.id, "limit=1")).entries;
    expect(newest!.event).toBe("sso.login_failed");
    expect(newest!.message.length).toBeLessThanOrEqual(300);
    const stored = JSON.stringify(newest);
    expect(stored.length).toBeLessThan(4_000);
    expect(stored).not.toMatch(/A{101}/);
    expect(stored).toContain(`(${huge.length} chars)`);
  });

  it("keeps a real sign-in listed after more refused posts than the unauthenticated budget holds", async () => {
    const { idp, org } = await ssoOrg();
    const signedIn = await postAcs(
      org.id,
      await idp.samlResponse({ destination: org.acsUrl, audience: org.audienceUri, now: new Date(), nameId: "ada@example.com" }),
    );
    expect(signedIn.status).toBe(303);
    // In parallel batches: one after another, 510 posts outlast the test timeout.
    for (let batch = 0; batch < 17; batch++) {
      const codes = await Promise.all(Array.from({ length: 30 }, async () => refusalCode(await postAcs(org.id, "bm90IFNBTUw="))));
      expect(new Set(codes).size).toBe(1);
      expect(codes[0]).toMatch(/^saml_/);
    }
    const log = await wholeLog(org.id);
    const failures = log.filter((entry) => entry.event === "sso.login_failed");
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length).toBeLessThanOrEqual(500);
    expect(log.filter((entry) => entry.event === "sso.login").map((entry) => entry.message)).toEqual(["ada@example.com signed in as viewer"]);
    // 510 round trips through one Durable Object: well over the default 20 s on a loaded 2-core machine.
  }, 90_000);
});
