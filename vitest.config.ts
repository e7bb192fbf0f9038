import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Worker tests run inside workerd against the real KV and Durable Object bindings of wrangler.toml.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ADMIN_BOOTSTRAP_TOKEN: "test-bootstrap-token-0123456789abcdef",
          ALLOW_LOOPBACK_UPSTREAMS: "true",
          // Hang tests wait out the per-attempt timeout; keep it short here (production default: 10 s).
          OKTA_ATTEMPT_TIMEOUT_MS: "1500",
          ENCRYPTION_KEYS: "v1:/gq4GsjoZJv7t8cJhssup33RWQjcgTMA+oDElwD5xHg=,v2:3l4ncdDN6ezlogXzWBBk8ZuvESu94SmkTiSwi4rtk7U=",
        },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 20_000,
  },
});
