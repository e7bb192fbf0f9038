import { describe, expect, it } from "vitest";
import { api, BOOTSTRAP, errorCode } from "../support/api";
import { control, oktaFixture } from "./support";

type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

describe("Okta faults: rate limits, 5xx, hangs, token expiry, scopes, admin role, DPoP", () => {
  it("429 twice then success: waits for X-Rate-Limit-Reset and succeeds without the caller seeing it", async () => {
    const okta = await oktaFixture();
    await okta.fault({ kind: "429", count: 2, resetSeconds: 1, pathPrefix: "/api/v1/users" });
    const response = await okta.proxy(`/users/${okta.users.active}`);
    expect(response.status).toBe(200);
    const attempts = (await okta.apiRequests()).filter((request) => String(request.path).startsWith(`/api/v1/users/${okta.users.active}`));
    expect(attempts.length).toBe(3);
  });

  it("429 beyond what the deadline allows: answered 429 with Retry-After, not retried early", async () => {
    const okta = await oktaFixture();
    await okta.fault({ kind: "429", count: 1, resetSeconds: 120, pathPrefix: "/api/v1/users", method: "POST" });
    const started = Date.now();
    const response = await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(429);
    expect(await errorCode(response)).toBe("okta_rate_limited");
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("ACTIVE");
  });

  it("a 5xx on a read is retried once; on a write it is never retried", async () => {
    const okta = await oktaFixture();
    await okta.fault({ kind: "503", count: 1, pathPrefix: "/api/v1/users", method: "GET" });
    expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);

    await okta.fault({ kind: "500", count: 1, pathPrefix: "/api/v1/users", method: "POST", when: "after" });
    const write = await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    expect(write.status).toBe(502);
    expect(await errorCode(write)).toBe("okta_unavailable");
    const posts = (await okta.apiRequests()).filter((request) => request.method === "POST");
    expect(posts.length).toBe(1);
  });

  it("a hang past the timeout ends as 504 okta_timeout (a write is not sent twice) and is audited as failed", async () => {
    const okta = await oktaFixture();
    await okta.fault({ kind: "hang", count: 1, pathPrefix: "/api/v1/users", method: "POST" });
    const response = await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(504);
    expect(await errorCode(response)).toBe("okta_timeout");
    const posts = (await okta.apiRequests()).filter((request) => request.method === "POST");
    expect(posts.length).toBe(1);
    const audit = (await (await api(`/api/orgs/${okta.org.id}/audit`, { headers: BOOTSTRAP })).json()) as {
      entries: Array<{ result: string; errorCode: string }>;
    };
    expect(audit.entries[0]).toMatchObject({ result: "failed", errorCode: "okta_timeout" });
  });

  it("a token that expires mid-burst is refreshed once on 401 E0000011; a burst costs one token request per scope", async () => {
    const okta = await oktaFixture();
    for (let i = 0; i < 5; i++) expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);
    expect((await okta.tokenRequests()).length).toBe(1);
    await control(`/orgs/${okta.fakeOrg.orgId}/tokens/expire`, { json: {} });
    expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);
    expect((await okta.tokenRequests()).length).toBe(2);
  });

  it("a burst that all gets 401 for the same expired token refreshes it once, not once per request", async () => {
    const okta = await oktaFixture();
    expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);
    await control(`/orgs/${okta.fakeOrg.orgId}/tokens/expire`, { json: {} });
    const responses = await Promise.all(Array.from({ length: 8 }, () => okta.proxy(`/users/${okta.users.active}`)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect((await okta.tokenRequests()).length).toBe(2);
  });

  it("concurrent actions on a cold cache share one token request (single flight)", async () => {
    const okta = await oktaFixture();
    const responses = await Promise.all(Array.from({ length: 8 }, () => okta.proxy(`/users/${okta.users.active}`)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect((await okta.tokenRequests()).length).toBe(1);
  });

  it("missing scope: 424 okta_token_rejected naming invalid_scope and the fix; nothing reached the Management API", async () => {
    const okta = await oktaFixture({ grantedScopes: ["okta.users.read"] });
    const response = await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(424);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("okta_token_rejected");
    expect(body.error.details).toMatchObject({ oauthError: "invalid_scope" });
    expect(String(body.error.details!.remedy)).toMatch(/Okta API Scopes/);
    expect((await okta.apiRequests()).length).toBe(0);
  });

  it("missing admin role: Okta's 403 E0000006 with the permission to grant", async () => {
    const okta = await oktaFixture({ adminRole: false });
    const response = await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(403);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("okta_forbidden");
    expect(body.error.details).toMatchObject({ errorCode: "E0000006" });
    expect(String(body.error.details!.remedy)).toContain("Suspend users");
  });

  it("an app that requires DPoP works without weakening it: nonce handshake, DPoP-bound token, proof per request", async () => {
    const okta = await oktaFixture({ dpopRequired: true });
    expect((await okta.proxy(`/users/${okta.users.active}`)).status).toBe(200);
    expect((await okta.proxy(`/users/${okta.users.active}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
    const requests = await okta.apiRequests();
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.every((request) => String(request.authScheme ?? request.scheme ?? "").toLowerCase() === "dpop")).toBe(true);
  });
});

describe("credential Test: what each operation can do, with the fix", () => {
  it("all scopes and a super admin role: ok", async () => {
    const okta = await oktaFixture();
    const response = await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}/test`, { method: "POST", headers: BOOTSTRAP });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { ok: boolean; operations: Array<{ usable: boolean }> };
    expect(report.ok).toBe(true);
    expect(report.operations.every((operation) => operation.usable)).toBe(true);
  });

  it("a missing scope makes ok false and is named literally", async () => {
    const okta = await oktaFixture({ grantedScopes: ["okta.users.read", "okta.authenticators.read", "okta.logs.read"] });
    const report = (await (await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}/test`, { method: "POST", headers: BOOTSTRAP })).json()) as {
      ok: boolean;
      missingScopes: string[];
      operations: Array<{ action: string; usable: boolean; remedy: string | null }>;
    };
    expect(report.ok).toBe(false);
    expect(report.missingScopes).toEqual(["okta.users.manage"]);
    const suspend = report.operations.find((operation) => operation.action === "suspend")!;
    expect(suspend.usable).toBe(false);
    expect(suspend.remedy).toContain("okta.users.manage");
    expect(report.operations.find((operation) => operation.action === "search")!.usable).toBe(true);
  });

  it("reports DPoP when the app requires it, and the admin-role gap per operation", async () => {
    const okta = await oktaFixture({ dpopRequired: true, adminRole: ["okta.users.read"] });
    const report = (await (await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}/test`, { method: "POST", headers: BOOTSTRAP })).json()) as {
      ok: boolean;
      dpopRequired: boolean;
      operations: Array<{ action: string; usable: boolean; oktaErrorCode: string | null; permission: string }>;
    };
    expect(report.dpopRequired).toBe(true);
    expect(report.ok).toBe(false);
    const suspend = report.operations.find((operation) => operation.action === "suspend")!;
    expect(suspend).toMatchObject({ usable: false, oktaErrorCode: "E0000006" });
    expect(suspend.permission).toContain("Suspend users");
    expect(report.operations.find((operation) => operation.action === "search")!.usable).toBe(true);
  });
});
