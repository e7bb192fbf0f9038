import { describe, expect, it } from "vitest";
import { recoveryFixture, started } from "../gate/recovery-support";
import { oktaFixture } from "../okta/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";

describe("POST …/okta/users/{userId}/sessions/clear", () => {
  it("ends every session and revokes OAuth tokens by default, keeps remembered devices, and is audited", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const answer = await okta.proxy(`/users/${okta.users.active}/sessions/clear`, { method: "POST" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, action: "clear_sessions" });
    const [request] = (await okta.apiRequests()).filter((entry) => entry.operationId === "revokeUserSessions");
    const query = new URLSearchParams(String(request?.query));
    expect([query.get("oauthTokens"), query.get("forgetDevices")]).toEqual(["true", "false"]);
    const audit = (await (await api(`/api/orgs/${okta.org.id}/audit`, { headers: BOOTSTRAP })).json()) as {
      entries: Array<{ action: string; result: string }>;
    };
    expect(audit.entries[0]).toMatchObject({ action: "clear_sessions", result: "success" });
    const withDevices = await okta.proxy(`/users/${okta.users.active}/sessions/clear`, { method: "POST", json: { oauthTokens: false, forgetDevices: true } });
    expect(withDevices.status).toBe(200);
    const last = new URLSearchParams(String((await okta.apiRequests()).at(-1)?.query));
    expect([last.get("oauthTokens"), last.get("forgetDevices")]).toEqual(["false", "true"]);
  });

  it("a policy may gate it like any write action", async () => {
    const fixture = await recoveryFixture({ requiredFor: ["clear_sessions"] });
    const user = fixture.users.active;
    const path = `/api/orgs/${fixture.org.id}/okta/users/${user}/sessions/clear`;
    expect(await errorCode(await api(path, { method: "POST", headers: fixture.keys.operator }))).toBe("verification_required");
    const { id, inquiryId } = await started(await fixture.start(user));
    await fixture.transition(inquiryId, "approved");
    await fixture.until(user, id, "verified");
    expect((await api(path, { method: "POST", headers: fixture.keys.operator, json: { verificationId: id } })).status).toBe(200);
    expect(await errorCode(await api(path, { method: "POST", headers: fixture.keys.operator, json: { unknown: 1 } }))).toBe("invalid_request");
  });
});
