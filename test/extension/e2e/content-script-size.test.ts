/**
 * The release build's content script stays within its budget (test/extension/support/content-script-budget.ts,
 * where the reasons for the number are written). It builds what `npm run ext:build` ships for Chrome; no browser
 * is started, but it lives with the browser tests because it builds the extension, and they run one file at a
 * time, so no two builds write the extension's folders at once.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from "../support/content-script-budget";
import { buildExtensionFor } from "../support/extension-build";

describe("the content script's size", () => {
  it(`is at most ${CONTENT_SCRIPT_BUDGET_GZIP_BYTES} B gzipped in the release build, its CSS inlined`, async () => {
    const releaseDir = await buildExtensionFor("chrome", "release");
    const script = readFileSync(resolve(releaseDir, "content-scripts/okta-user.js"));
    // A separate CSS file would be fetched at every mount, and would escape this count.
    expect(existsSync(resolve(releaseDir, "content-scripts/okta-user.css"))).toBe(false);
    const gzipBytes = gzipSync(script, { level: 9 }).length;
    expect(gzipBytes, `okta-user.js is ${gzipBytes} B gzipped`).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_GZIP_BYTES);
  });
});
