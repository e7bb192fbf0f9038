import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

export default defineConfig({
  test: {
    projects: [
      {
        // Worker tests run inside workerd against the real KV and Durable Object bindings of wrangler.toml.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ADMIN_BOOTSTRAP_TOKEN: "test-bootstrap-token-0123456789abcdef",
                ALLOW_LOOPBACK_UPSTREAMS: "true",
                // Every answer is held to the schemas its route declares (worker/src/http/answer-check.ts).
                CHECK_ANSWERS: "true",
                // Hang tests wait out the per-attempt timeout; keep it short here (production default: 10 s).
                OKTA_ATTEMPT_TIMEOUT_MS: "1500",
                ENCRYPTION_KEYS: "v1:/gq4GsjoZJv7t8cJhssup33RWQjcgTMA+oDElwD5xHg=,v2:3l4ncdDN6ezlogXzWBBk8ZuvESu94SmkTiSwi4rtk7U=",
              },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/**/*.test.ts"],
          exclude: ["test/extension/**", "test/repo/**"],
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 20_000,
        },
      },
      {
        // The extension's modules and UI, in happy-dom with WXT's fake browser (wxt.config.ts of extension/).
        plugins: [WxtVitest({ root: "extension" })],
        // Tests live outside extension/, where the nearest tsconfig would pick the worker's JSX (hono/jsx).
        esbuild: { jsx: "automatic", jsxImportSource: "preact" },
        test: {
          name: "extension",
          include: ["test/extension/unit/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          testTimeout: 10_000,
        },
      },
      {
        // Checks of the repository's own tooling (the layer rule in biome.json), in Node.
        test: {
          name: "repo",
          include: ["test/repo/**/*.test.ts"],
          environment: "node",
          testTimeout: 20_000,
        },
      },
      {
        // The built extension in Debian's Chromium against the real worker under `wrangler dev` and the fakes.
        test: {
          name: "browser",
          include: ["test/extension/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        // The Firefox build in Debian's firefox-esr (puppeteer-core over WebDriver BiDi) against the same stack
        // (test/extension/support/firefox-run.ts). After the other projects (groupOrder 1): it holds ports 443 and 80
        // of loopback, and its browser and stack do not compete with Chromium's for the cores while timed steps run.
        test: {
          name: "firefox",
          include: ["test/extension/firefox/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
