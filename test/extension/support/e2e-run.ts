/**
 * The run of an end-to-end scenario (test/extension/e2e/*.test.ts): the built extension in Chromium against the
 * local stack and the fake admin console, started once for the file and stopped after it, with the browser's
 * console kept so that a failing step prints its last lines beside its screenshot.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildExtension, type ExtensionBrowser, launchBrowser, screenshot } from "./browser";
import { reportFailures, type ScreenshotSeries } from "./failure-report";
import { type FakeAdminConsole, startFakeAdminConsole } from "./fake-admin-console";
import { type Stack, startStack } from "./stack";

/** The demo users of `npm run dev` (worker/scripts/dev/demo-data.ts). */
export const ADA = "00udemoada0000000001";
export const GRACE = "00udemograce00000002";
export const ALAN = "00udemoalan000000003";
export const KATHERINE = "00udemokath000000004";
export const CHARLES = "00udemochar000000005";

export let stack: Stack;
export let adminConsole: FakeAdminConsole;
export let browser: ExtensionBrowser;

export async function oktaUser(userId: string): Promise<{ status: string; tac?: { tac?: string } | null }> {
  const answer = await stack.oktaControl("GET", `/orgs/${stack.orgId}/users/${userId}`);
  expect(answer.status).toBe(200);
  return answer.body as { status: string; tac?: { tac?: string } | null };
}

/**
 * Registers the file's hooks: start everything before the first step, stop it after the last, and on a failed
 * step screenshot `currentPage()` (the page the step works in) and print the browser console's last lines.
 * `series` names the file's screenshots (a failing step's too, `fail-<series>-…`): the earlier run's are removed
 * first, and no other file's.
 */
export function setUpE2eRun(currentPage: () => Page | undefined, series: ScreenshotSeries): void {
  const { log, resetScreenshots } = reportFailures({ label: "e2e", series, currentPage, screenshot });
  beforeAll(async () => {
    resetScreenshots();
    const extensionDir = await buildExtension();
    [stack, adminConsole] = await Promise.all([startStack(), startFakeAdminConsole()]);
    browser = await launchBrowser({ extensionDir, consolePort: adminConsole.port });
    browser.context.setDefaultTimeout(15_000);
    browser.context.on("page", (page) => {
      page.on("console", (message) => log(`[page ${new URL(page.url() || "about:blank").pathname}] ${message.type()}: ${message.text()}`));
      page.on("pageerror", (error) => log(`[page ${page.url()}] pageerror: ${error.message}`));
    });
    browser.serviceWorker.on("console", (message) => log(`[background] ${message.type()}: ${message.text()}`));
  });

  afterAll(async () => {
    await browser?.close();
    await adminConsole?.close();
    await stack?.stop();
  });
}
