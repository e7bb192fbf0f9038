/**
 * Okta conformance: registering an event hook runs Okta's one-time verification (a GET with
 * X-Okta-Verification-Challenge that must be echoed as `{"verification": …}`), retried once on failure, and the fake
 * only calls loopback URLs.
 */
import { describe, expect, it } from "vitest";
import { CONTROL, control, type J, schemaErrors, setUpConformance } from "./support";
import { configureReceiver, logsOrg, query, received, receiverUrl, registerHook } from "./system-log-support";

setUpConformance();

const SECRET = "Bearer hook-secret-0123456789";

describe("event hook verification", () => {
  it("verifies a hook whose endpoint echoes the challenge; the GET carries the auth and custom headers", async () => {
    const { org, logs } = await logsOrg();
    const name = `${org.orgId}-ok`;
    const hook = await registerHook(org, {
      url: receiverUrl(name),
      name: "Companion",
      authorization: { key: "Authorization", value: SECRET },
      headers: [{ key: "X-Companion-Org", value: "acme" }],
      events: ["user.lifecycle.suspend"],
    });
    expect(hook.id).toMatch(/^who[A-Za-z0-9]{17}$/);
    expect([hook.status, hook.verificationStatus, hook.verification.result]).toEqual(["ACTIVE", "VERIFIED", "VERIFIED"]);
    const requests = await received(name);
    expect(requests).toHaveLength(1);
    const [get] = requests;
    expect(get.method).toBe("GET");
    expect(get.body).toBe("");
    expect(get.headers["x-okta-verification-challenge"]).toBe(hook.verification.challenge);
    expect(hook.verification.challenge.length).toBeGreaterThanOrEqual(20);
    expect(get.headers.authorization).toBe(SECRET);
    expect(get.headers["x-companion-org"]).toBe("acme");
    expect(get.headers.accept).toBe("application/json");
    expect(hook.verification.attempts.map((attempt: J) => attempt.status)).toEqual([200]);

    // Okta's own view of the hook: the spec's EventHook, with the secret never echoed.
    expect(schemaErrors({ $ref: "#/components/schemas/EventHook" }, hook.okta)).toEqual([]);
    expect(hook.okta.channel.config).toEqual({
      uri: receiverUrl(name),
      headers: [{ key: "X-Companion-Org", value: "acme" }],
      method: "POST",
      authScheme: { type: "HEADER", key: "Authorization" },
    });
    expect(hook.okta.events).toEqual({ type: "EVENT_TYPE", items: ["user.lifecycle.suspend"], filter: null });
    expect(JSON.stringify(hook.okta)).not.toContain("hook-secret");
    const [verified] = (await (await logs(query({ filter: 'eventType eq "event_hook.verified"' }))).json()) as J[];
    expect([verified.outcome.result, verified.target[0].id]).toEqual(["SUCCESS", hook.id]);
    expect((await control("GET", `/orgs/${org.orgId}/event-hooks/${hook.id}`)).verificationStatus).toBe("VERIFIED");
  });

  it("fails, after one retry, on a wrong echo, a body that is not JSON, a non-200 answer, a timeout or no listener", async () => {
    const { org } = await logsOrg();
    const cases: [string, Record<string, unknown>, string, Record<string, unknown>?][] = [
      ["wrong", { verification: "wrong-value" }, "WRONG_VALUE"],
      ["text", { verification: "not-json" }, "NOT_JSON"],
      ["down", { verificationStatus: 503 }, "HTTP_STATUS"],
      ["missing", { verificationStatus: 404 }, "HTTP_STATUS"],
      ["slow", { delayMs: 400 }, "TIMEOUT", { timeoutMs: 150 }],
    ];
    for (const [suffix, config, reason, extra] of cases) {
      const name = `${org.orgId}-${suffix}`;
      await configureReceiver(name, config);
      const hook = await registerHook(org, { url: receiverUrl(name), events: ["user.lifecycle.suspend"], ...extra });
      expect([hook.verificationStatus, hook.verification.result, hook.verification.reason], suffix).toEqual(["UNVERIFIED", "FAILED", reason]);
      expect(hook.verification.attempts, suffix).toHaveLength(2);
      expect(
        (await received(name)).filter((request) => request.method === "GET"),
        suffix,
      ).toHaveLength(2);
    }
    const nobody = await registerHook(org, { url: "http://127.0.0.1:9/hook", events: ["user.lifecycle.suspend"] });
    expect([nobody.verificationStatus, nobody.verification.reason]).toEqual(["UNVERIFIED", "UNREACHABLE"]);
  });

  it("verifies again on request once the endpoint is fixed, and logs each outcome as event_hook.verified", async () => {
    const { org, logs } = await logsOrg();
    const name = `${org.orgId}-later`;
    await configureReceiver(name, { verification: "wrong-value" });
    const hook = await registerHook(org, { url: receiverUrl(name), events: ["user.lifecycle.suspend"] });
    expect(hook.verificationStatus).toBe("UNVERIFIED");
    await configureReceiver(name, { verification: "echo" });
    const again = await control("POST", `/orgs/${org.orgId}/event-hooks/${hook.id}/verify`);
    expect([again.verificationStatus, again.verification.result]).toEqual(["VERIFIED", "VERIFIED"]);
    const outcomes = ((await (await logs(query({ filter: 'eventType eq "event_hook.verified"' }))).json()) as J[]).map((event) => event.outcome);
    expect(outcomes).toEqual([{ result: "FAILURE", reason: "WRONG_VALUE" }, { result: "SUCCESS" }]);
    // A new URL needs a new verification, as a changed channel does in Okta.
    const moved = await control("PATCH", `/orgs/${org.orgId}/event-hooks/${hook.id}`, { url: receiverUrl(`${name}-2`) });
    expect(moved.verificationStatus).toBe("UNVERIFIED");
  });

  it("only calls loopback http(s) URLs and validates the registration", async () => {
    const { org } = await logsOrg();
    const register = (body: Record<string, unknown>) =>
      fetch(`${CONTROL}/orgs/${org.orgId}/event-hooks`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    for (const url of ["https://hooks.example.com/okta", "http://10.0.0.8/hook", "ftp://127.0.0.1/hook", "http://user:pw@127.0.0.1/hook", "not a url"]) {
      const response = await register({ url, events: ["user.lifecycle.suspend"] });
      expect(response.status, url).toBe(400);
      expect(((await response.json()) as J).error).toMatch(/^event hook: url /);
    }
    for (const body of [
      { url: receiverUrl("x"), events: [] },
      { url: receiverUrl("x"), events: ["not an event type"] },
      { url: receiverUrl("x"), events: ["user.lifecycle.suspend"], authorization: { key: "Authorization" } },
      { url: receiverUrl("x"), events: ["user.lifecycle.suspend"], secret: "x" },
    ]) {
      expect((await register(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await received(`${org.orgId}-never`)).toEqual([]);
  });
});
