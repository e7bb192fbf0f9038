/** Persona conformance: the fault switches (5xx, 409, 429, gateway pages, hangs). */
import { describe, expect, it } from "vitest";
import { addFaults, api, control, expectPersonaError, json, newEnv, oktaUserEnv, setUpConformance } from "./support";

setUpConformance();

describe("fault switches", () => {
  it("fails the next N matching requests (by path prefix and method), then recovers", async () => {
    const world = await oktaUserEnv();
    await addFaults(world.env, { kind: "503", count: 2, pathPrefix: "/api/v1/cases", method: "GET" });
    expect((await api(world.env, "/accounts")).status).toBe(200);
    const gateway = await api(world.env, "/cases");
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await api(world.env, `/cases/${world.open.id}`)).status).toBe(503);
    expect((await api(world.env, "/cases")).status).toBe(200);
    expect(await control("GET", `/envs/${world.env.envId}/faults`)).toEqual([]);
  });

  it("a 429 fault answers Persona's body with RateLimit-Remaining 0 and the given reset", async () => {
    const env = await newEnv();
    await addFaults(env, { kind: "429", resetSeconds: 7 });
    const response = await api(env, "/cases");
    await expectPersonaError(response, "list-all-cases", 429, "Rate limit exceeded");
    expect([response.headers.get("ratelimit-remaining"), response.headers.get("ratelimit-reset")]).toEqual(["0", "7"]);
  });

  it("500 and 409 answer Persona's JSON error; 502/504 can answer JSON instead of a gateway page", async () => {
    const env = await newEnv();
    await addFaults(env, [{ kind: "500" }, { kind: "409" }, { kind: "504", body: "json" }]);
    expect(await json(await api(env, "/cases"))).toEqual({ errors: [{ title: "Internal Server Error" }] });
    expect((await json(await api(env, "/cases"))).errors[0].title).toBe("Stale object error");
    const timeout = await api(env, "/cases");
    expect([timeout.status, (await json(timeout)).errors[0].title]).toEqual([504, "Gateway Timeout"]);
  });

  it("a hang never answers", async () => {
    const env = await newEnv();
    await addFaults(env, { kind: "hang" });
    const started = Date.now();
    await expect(fetch(`${env.baseUrl}/cases`, { headers: { authorization: `Bearer ${env.apiKey}` }, signal: AbortSignal.timeout(400) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect((await api(env, "/cases")).status).toBe(200);
  });
});
