import { describe, expect, it } from "vitest";
import { control } from "../okta/support";
import { personaFixture } from "../persona/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";

async function exported() {
  const fixture = await personaFixture();
  const user = fixture.users.active;
  await control(`/orgs/${fixture.fakeOrg.orgId}/log-events`, {
    json: [{ eventType: "user.mfa.factor.reset_all", displayMessage: '=HYPERLINK("http://x")', target: [{ id: user, type: "User" }] }],
  });
  const [account] = await fixture.seedAccounts([{ referenceId: user }]);
  await fixture.seedCases([{ status: "Open", name: "KYC review", accounts: [account!.id] }]);
  expect((await fixture.proxy(`/users/${user}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
  expect((await fixture.proxy(`/users/${user}/lifecycle/unsuspend`, { method: "POST" })).status).toBe(200);
  const tac = (await (await fixture.proxy(`/users/${user}/temporary-access-code`, { method: "POST", json: {} })).json()) as { code: string };
  const evidence = (query = "", headers: Record<string, string> = BOOTSTRAP) =>
    api(`/api/orgs/${fixture.org.id}/okta/users/${user}/evidence${query}`, { headers });
  return { fixture, user, tac, evidence };
}

describe("GET …/okta/users/{userId}/evidence", () => {
  it("a JSON pack holds the timeline, the Okta and Persona summaries and every audit entry with its chain link, and no secret", async () => {
    const { user, tac, evidence } = await exported();
    const response = await evidence();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="evidence-.+\.json"$/);
    const text = await response.text();
    const pack = JSON.parse(text);
    expect(pack).toMatchObject({ kind: "persona-okta-companion.evidence", userId: user, okta: { id: user }, truncated: false, auditChain: { ok: true } });
    expect(pack.persona.cases.map((kase: { name: string }) => kase.name)).toEqual(["KYC review"]);
    expect(pack.audit.map((entry: { action: string }) => entry.action)).toEqual(["temporary_access_code", "unsuspend", "suspend"]);
    for (const entry of pack.audit) expect(entry.chain.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pack.audit[0].chain.hash).toBe(pack.auditChain.head);
    expect(pack.timeline.some((item: { type: string }) => item.type === "user.mfa.factor.reset_all")).toBe(true);
    expect(text).not.toContain(tac.code);
  });

  it("as CSV: one row per timeline item, audit rows with their chain link, formulas defused", async () => {
    const { evidence } = await exported();
    const response = await evidence("?format=csv");
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("time,source,type,summary,outcome,actor,ip,country,city,marked,link,chain_prev,chain_hash");
    const auditRow = lines.find((line) => line.includes(",audit,suspend,"));
    expect(auditRow).toMatch(/,[0-9a-f]{64},[0-9a-f]{64}$/);
    const reset = lines.find((line) => line.includes("user.mfa.factor.reset_all"));
    expect(reset).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("is for operators and up", async () => {
    const { fixture, evidence } = await exported();
    const key = (await (
      await api(`/api/orgs/${fixture.org.id}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: "viewer", role: "viewer" } })
    ).json()) as { key: string };
    expect(await errorCode(await evidence("", { authorization: `Bearer ${key.key}` }))).toBe("forbidden");
    expect(await errorCode(await evidence("?format=pdf"))).toBe("invalid_request");
  });
});
