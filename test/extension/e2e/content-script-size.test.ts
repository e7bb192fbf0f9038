/**
 * The release build's content script stays within its budget (test/extension/support/content-script-budget.ts,
 * where the reasons for the number are written). It builds what `npm run ext:build` ships for Chrome; no browser
 * is started, but it lives with the browser tests because it builds the extension, and they run one file at a
 * time, so no two builds write the extension's folders at once.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../../worker/scripts/setup";
import { CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from "../support/content-script-budget";

const RELEASE_DIR = resolve(REPO_ROOT, "extension/.output/chrome-mv3");

describe("the content script's size", () => {
  it(`is at most ${CONTENT_SCRIPT_BUDGET_GZIP_BYTES} B gzipped in the release build, its CSS inlined`, async () => {
    // As `npm run ext:build` runs it: not with Vitest's NODE_ENV=test, under which Vite builds differently.
    const { NODE_ENV: _test, ...env } = process.env;
    await promisify(execFile)(process.execPath, [resolve(REPO_ROOT, "node_modules/wxt/bin/wxt.mjs"), "build", "extension"], {
      cwd: REPO_ROOT,
      env: { ...env, POC_DEV_HOSTS: "", NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
    const script = readFileSync(resolve(RELEASE_DIR, "content-scripts/okta-user.js"));
    // A separate CSS file would be fetched at every mount, and would escape this count.
    expect(existsSync(resolve(RELEASE_DIR, "content-scripts/okta-user.css"))).toBe(false);
    const gzipBytes = gzipSync(script, { level: 9 }).length;
    expect(gzipBytes, `okta-user.js is ${gzipBytes} B gzipped`).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP_BYTES);
  });
});
