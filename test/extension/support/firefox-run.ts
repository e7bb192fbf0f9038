/**
 * The run of a Firefox scenario (test/extension/firefox/*.test.ts), as e2e-run.ts is for Chromium: the Firefox dev
 * build in firefox-esr against the local stack of `npm run dev`, started once for the file and stopped after it.
 * One thing differs from Chromium, for Firefox's sake: the fake admin console listens on 443 (Firefox has no
 * host-resolver rule with a port, and `include_globs` see the port), which needs root, as CI runs. The extension
 * reaches the worker through a relay (worker-relay.ts) that a test can close and reopen on the same origin.
 */
import type { Page } from "puppeteer-core";
import { afterAll, beforeAll } from "vitest";
import { buildExtensionFor } from "./extension-build";
import { reportFailures, type ScreenshotSeries } from "./failure-report";
import { type FakeAdminConsole, startFakeAdminConsole } from "./fake-admin-console";
import { type ExtensionFirefox, launchFirefox, requireFirefox } from "./firefox";
import { screenshot } from "./firefox-flows";
import { type Stack, startStack } from "./stack";
import { startWorkerRelay, type WorkerRelay } from "./worker-relay";

export let stack: Stack;
export let adminConsole: FakeAdminConsole;
export let firefox: ExtensionFirefox;
export let worker: WorkerRelay;

/** The fake console on 443, with a message that says why when it cannot be. */
async function consoleOn443(): Promise<FakeAdminConsole> {
  try {
    return await startFakeAdminConsole({ port: 443 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES") throw new Error("the fake admin console must listen on 127.0.0.1:443 for Firefox's include_globs, which needs root");
    if (code === "EADDRINUSE") throw new Error("127.0.0.1:443 is in use: the Firefox tests serve the fake admin console there (another Firefox run?)");
    throw error;
  }
}

/** The worker on the relay's origin again (after a test closed it to see the worker unreachable). */
export async function reopenWorker(): Promise<void> {
  worker = await startWorkerRelay(stack.urls.worker, worker.port);
}

/**
 * Registers the file's hooks: start everything before the first step, stop it after the last, and on a failed step
 * screenshot `currentPage()` and print the pages' last console lines. `series` names the file's screenshots; the
 * earlier run's are removed first, and no other file's.
 */
export function setUpFirefoxRun(currentPage: () => Page | undefined, series: ScreenshotSeries): void {
  const { log, resetScreenshots } = reportFailures({ label: "firefox", series, currentPage, screenshot });
  beforeAll(async () => {
    requireFirefox();
    resetScreenshots();
    const extensionDir = await buildExtensionFor("firefox", "dev");
    stack = await startStack();
    [worker, adminConsole] = await Promise.all([startWorkerRelay(stack.urls.worker), consoleOn443()]);
    firefox = await launchFirefox({ extensionDir, consoleHost: new URL(adminConsole.origin).hostname });
    firefox.browser.on("targetcreated", async (target) => {
      const page = await target.page().catch(() => null);
      page?.on("console", (message) => log(`[${page.url()}] ${message.type()}: ${message.text()}`));
    });
  });

  afterAll(async () => {
    await firefox?.close();
    await Promise.all([adminConsole?.close(), worker?.close()]);
    await stack?.stop();
  });
}
