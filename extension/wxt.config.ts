import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

/**
 * `POC_DEV_HOSTS=1` (set by `npm run ext:build:dev` and the browser tests) makes the dev build. It grants the
 * loopback worker of `npm run dev` at install time, because a runtime permission prompt cannot be answered by an
 * automated browser, and keeps the overlay's shadow root open for Playwright (overlay/shadow-root-mode.ts).
 * Release builds grant no host at install (the worker's origin is requested at run time from the options page) and
 * close the shadow root to the console's scripts.
 */
const devBuild = process.env.POC_DEV_HOSTS === "1";
const devHosts = devBuild ? ["http://127.0.0.1/*", "http://localhost/*"] : [];

/** Where a worker may be: any https origin (asked for at run time), or the loopback worker of `npm run dev`. */
const WORKER_ORIGINS = ["https://*/*", "http://127.0.0.1/*", "http://localhost/*"];

export default defineConfig({
  srcDir: ".",
  // The loopback-granting build goes to a folder of its own, so it is never mistaken for a release build.
  outDir: devBuild ? ".output/dev" : ".output",
  imports: false,
  vite: () => ({
    // Preact via its preset; prefresh (hot reload) off, per docs/toolchain.md §3.
    plugins: [preact({ prefreshEnabled: false })],
    build: { target: "es2022" },
    // Read by the content script as `import.meta.env.POC_DEV_BUILD` (env.d.ts).
    define: { "import.meta.env.POC_DEV_BUILD": JSON.stringify(devBuild) },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: "Persona Okta Companion",
    version: "0.1.0",
    description: "Persona case context and audited one-click account actions on Okta admin console user pages.",
    permissions: ["storage", "identity"],
    host_permissions: devHosts,
    optional_host_permissions: WORKER_ORIGINS,
    // Firefox's build is Manifest V2, where optional origins are optional permissions (WXT does not map them).
    ...(manifestVersion === 2 ? { optional_permissions: WORKER_ORIGINS } : {}),
    commands: {
      "toggle-overlay": {
        suggested_key: { default: "Alt+Shift+P" },
        description: "Show or hide the Persona panel on an Okta user page",
      },
    },
    ...(browser === "firefox"
      ? { browser_specific_settings: { gecko: { id: "persona-okta-companion@persona-okta-companion.dev", strict_min_version: "128.0" } } }
      : {}),
  }),
});
