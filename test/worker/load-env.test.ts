import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type Bindings, EnvSchema, loadEnv } from "../../worker/src/env";

describe("loadEnv: the bindings are checked once, at the entry", () => {
  it("a short bootstrap token makes the worker refuse to run, naming the variable but never its value", () => {
    const weak = "short-secret-value";
    expect(() => loadEnv({ ...env, ADMIN_BOOTSTRAP_TOKEN: weak })).toThrow(/ADMIN_BOOTSTRAP_TOKEN/);
    try {
      loadEnv({ ...env, ADMIN_BOOTSTRAP_TOKEN: weak });
    } catch (error) {
      expect(String(error)).not.toContain(weak);
    }
  });

  it('loopback upstreams stay off unless explicitly "true"', () => {
    expect(loadEnv({ ...env, ALLOW_LOOPBACK_UPSTREAMS: undefined }).ALLOW_LOOPBACK_UPSTREAMS).toBe(false);
    expect(() => loadEnv({ ...env, ALLOW_LOOPBACK_UPSTREAMS: "yes" } as unknown as Bindings)).toThrow(/ALLOW_LOOPBACK_UPSTREAMS/);
    expect(loadEnv({ ...env }).ALLOW_LOOPBACK_UPSTREAMS).toBe(true);
  });

  it("the schema describes every binding and variable wrangler.toml gives the worker, and nothing it lacks", () => {
    const declared = Object.keys(EnvSchema.shape).sort();
    // The test pool adds its own `__VITEST_POOL_WORKERS_*` services beside the configured ones.
    const given = Object.keys(env)
      .filter((name) => !name.startsWith("__VITEST_POOL_WORKERS_"))
      .sort();
    expect(given.filter((name) => !declared.includes(name))).toEqual([]);
    // Bindings (objects) must all be configured; variables may be left to their defaults.
    const bindings = declared.filter((name) => EnvSchema.shape[name as keyof typeof EnvSchema.shape].def.type === "custom");
    expect(bindings.filter((name) => !given.includes(name))).toEqual([]);
    expect(bindings).toEqual(expect.arrayContaining(["CONFIG", "ORG_STORE", "LOGIN_RATE_LIMIT"]));
  });
});
