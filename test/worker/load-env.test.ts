import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../../worker/src/env";

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
    expect(() => loadEnv({ ...env, ALLOW_LOOPBACK_UPSTREAMS: "yes" })).toThrow(/ALLOW_LOOPBACK_UPSTREAMS/);
    expect(loadEnv({ ...env }).ALLOW_LOOPBACK_UPSTREAMS).toBe(true);
  });
});
