/** Okta conformance: real rate limits and the fault switches (429, 5xx, hangs, after-effect faults). */
import { describe, expect, it } from "vitest";
import { adminOrg, control, expectOktaError, type J, nowS, oauthError, person, requestToken, setUpConformance } from "./support";

setUpConformance();

describe("rate limits and fault switches", () => {
  it("trips the configured rate limit for real: 429 E0000047 with Remaining 0 and the window's Reset", async () => {
    const { org, call } = await adminOrg();
    await control("PUT", `/orgs/${org.orgId}/rate-limits`, { api: { limit: 3, windowSeconds: 30 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await call("/api/v1/authenticators");
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("x-rate-limit-remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await call("/api/v1/authenticators");
    await expectOktaError(limited, "listAuthenticators", 429, "E0000047", "API call exceeded rate limit due to too many requests.");
    expect(limited.headers.get("x-rate-limit-limit")).toBe("3");
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    const reset = Number(limited.headers.get("x-rate-limit-reset"));
    expect(reset).toBeGreaterThanOrEqual(nowS());
    expect(reset).toBeLessThanOrEqual(nowS() + 31);
    // The token endpoint draws from its own budget.
    expect((await requestToken(org, (await control("GET", `/orgs/${org.orgId}`)).clients[0])).status).toBe(200);
  });

  it("answers the next N matching requests with 429 and a Reset the given seconds ahead, then recovers", async () => {
    const { org, call } = await adminOrg([person("ada")]);
    await control("POST", `/orgs/${org.orgId}/faults`, { kind: "429", count: 2, pathPrefix: "/api/v1/users", method: "GET", resetSeconds: 7 });
    expect((await call("/api/v1/authenticators")).status).toBe(200); // not matching
    for (let i = 0; i < 2; i++) {
      const response = await call("/api/v1/users/ada");
      await expectOktaError(response, "getUser", 429, "E0000047");
      expect(response.headers.get("x-rate-limit-remaining")).toBe("0");
      expect(Number(response.headers.get("x-rate-limit-reset")) - nowS()).toBeGreaterThanOrEqual(6);
    }
    expect((await call("/api/v1/users/ada")).status).toBe(200);
    const log = (await control("GET", `/orgs/${org.orgId}/api-requests`)) as J[];
    expect(log.filter((entry) => entry.fault === "429")).toHaveLength(2);
  });

  it("answers 500 E0000009, a gateway's HTML 502/503, and 500 on the token endpoint as OAuth server_error", async () => {
    const { org, clientId, call } = await adminOrg();
    await control("POST", `/orgs/${org.orgId}/faults`, [
      { kind: "500", pathPrefix: "/api/v1/authenticators" },
      { kind: "502", pathPrefix: "/api/v1/authenticators" },
      { kind: "503", pathPrefix: "/api/v1/authenticators" },
      { kind: "500", pathPrefix: "/oauth2/v1/token" },
    ]);
    await expectOktaError(await call("/api/v1/authenticators"), "listAuthenticators", 500, "E0000009", "Internal Server Error");
    for (const status of [502, 503]) {
      const response = await call("/api/v1/authenticators");
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain(`<h1>${status} `);
    }
    expect((await oauthError(await requestToken(org, clientId))).error).toBe("server_error");
    expect((await call("/api/v1/authenticators")).status).toBe(200);
  });

  it("hangs a request until the client gives up", async () => {
    const { org, call } = await adminOrg();
    await control("POST", `/orgs/${org.orgId}/faults`, { kind: "hang", pathPrefix: "/api/v1/authenticators" });
    await expect(call("/api/v1/authenticators", { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await call("/api/v1/authenticators")).status).toBe(200);
  });

  it("applies an `after` fault once the operation took effect (the case a retry must not repeat blindly)", async () => {
    const { org, call, users } = await adminOrg([person("ada")]);
    await control("POST", `/orgs/${org.orgId}/faults`, { kind: "502", when: "after", pathPrefix: `/api/v1/users/${users[0].id}/lifecycle/suspend` });
    const response = await call(`/api/v1/users/${users[0].id}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(502);
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`)).status).toBe("SUSPENDED");
  });
});
