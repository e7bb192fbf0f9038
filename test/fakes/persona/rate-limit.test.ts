/** Persona conformance: the per-environment rate limit (a fixed window) and its headers. */
import { describe, expect, it } from "vitest";
import { api, control, json, newEnv, requestsOf, setUpConformance } from "./support";

setUpConformance();

describe("rate limit: 300/min per environment by default, a fixed window, headers on every answer", () => {
  it("defaults to 300 per minute", async () => {
    const env = await newEnv();
    const response = await api(env, "/cases");
    expect([response.headers.get("ratelimit-limit"), response.headers.get("ratelimit-remaining"), response.headers.get("ratelimit-reset")]).toEqual([
      "300",
      "299",
      "60",
    ]);
  });

  it("counts down across keys of the environment, then answers 429 until the window ends", async () => {
    const env = await newEnv({ rateLimit: { limit: 3, windowSeconds: 60 } });
    const second = (await control("POST", `/envs/${env.envId}/api-keys`, {})).apiKey;
    const remaining: Array<string | null> = [];
    for (const key of [env.apiKey, second, env.apiKey]) remaining.push((await api(env, "/cases", { key })).headers.get("ratelimit-remaining"));
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api(env, "/accounts");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect((await json(limited)).errors[0].details).toMatch(/rate limit of 3 requests/);
    expect((await requestsOf(env)).at(-1).fault).toBe("rate-limit");
  });

  it("opens a new window after windowSeconds", async () => {
    const env = await newEnv({ rateLimit: { limit: 1, windowSeconds: 1 } });
    expect((await api(env, "/cases")).status).toBe(200);
    expect((await api(env, "/cases")).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(env, "/cases")).status).toBe(200);
  });
});
