/**
 * The organization's gate keeps the org's credentials in memory and follows the worker's own writes
 * (worker/src/gate/credential-cache.ts, okta-gate.ts). KV is eventually consistent: another location may still read
 * a deleted credential for up to a minute. A deletion is therefore also recorded in the gate's own storage, so the
 * credential stops working at once, even when the gate restarts and reads a stale KV.
 */
import { describe, expect, it } from "vitest";
import { storedRecord, writeRecord } from "../credentials/support";
import { oktaFixture, restartGate } from "../okta/support";
import { api, BOOTSTRAP, errorCode } from "../support/api";

describe("gate: credentials follow the worker's writes", () => {
  it("a deleted credential stops working at once, and a stale KV copy read after a restart does not revive it", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);
    const record = await storedRecord(okta.org.id, okta.credentialId);

    const deleted = await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}`, { method: "DELETE", headers: BOOTSTRAP });
    expect(deleted.status).toBe(204);
    const right = await okta.proxy(`/users/${okta.users.active}`);
    expect({ status: right.status, code: await errorCode(right) }).toEqual({ status: 409, code: "okta_not_configured" });

    // KV at the gate's location still holds the record (as another location may, for a minute), and the gate restarts.
    await writeRecord(record);
    await restartGate(okta.org.id);
    const stale = await okta.proxy(`/users/${okta.users.active}`);
    expect(await errorCode(stale)).toBe("okta_not_configured");
    const named = await okta.proxy(`/users/${okta.users.active}?credentialId=${okta.credentialId}`);
    expect(await errorCode(named)).toBe("credential_not_found");
  });

  it("a credential created after the gate loaded is usable at once, without waiting for KV", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);
    const other = await api(`/api/orgs/${okta.org.id}/credentials`, {
      method: "POST",
      headers: BOOTSTRAP,
      json: { type: "okta_api_key", nickname: "second", orgUrl: okta.fakeOrg.orgUrl, token: "00second-token-that-okta-refuses" },
    });
    expect(other.status).toBe(201);
    // Two credentials now: an unnamed action is ambiguous, which the gate can only know from the worker's write.
    expect(await errorCode(await okta.proxy(`/users/${okta.users.active}`))).toBe("credential_ambiguous");
  });
});
