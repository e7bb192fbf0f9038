/**
 * The extension as a user runs it: built with `POC_DEV_HOSTS=1` (the build that grants the loopback worker at
 * install, since no test can click a permission prompt) and loaded unpacked into Debian's Chromium through
 * playwright-core (docs/toolchain.md §5: never `playwright install`). `*.okta.com` resolves to the fake
 * admin console on loopback; nothing else leaves the machine.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page, type Worker } from "playwright-core";
import { REPO_ROOT } from "../../../worker/scripts/setup";
import { buildExtensionFor } from "./extension-build";

export const CHROMIUM_PATH = process.env.POC_CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = resolve(REPO_ROOT, "test/.artifacts/screenshots");

/** `POC_DEV_HOSTS=1 npx wxt build extension` → extension/.output/dev/chrome-mv3. */
export function buildExtension(): Promise<string> {
  return buildExtensionFor("chrome", "dev");
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** `chrome-extension://<id>/<path>`. */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/**
 * Chromium with the unpacked extension, `*.okta.com` mapped to the fake console's port on loopback. Fails, never
 * skips, without Chromium: the browser tests are part of `npm test` (.ci/run installs it). For the demo
 * (worker/scripts/demo.ts): `headless: false` opens a window sized by the window manager, and `handleSignals: false`
 * leaves Ctrl-C to the caller (Playwright's own handler closes the browser and exits at once, which would leave the
 * caller's stack running).
 */
export async function launchBrowser(options: {
  extensionDir: string;
  consolePort: number;
  headless?: boolean;
  handleSignals?: boolean;
}): Promise<ExtensionBrowser> {
  const headless = options.headless ?? true;
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the browser tests need Debian's chromium (apt-get install -y chromium; .ci/run does this), or set POC_CHROMIUM_PATH`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), "poc-e2e-profile-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless,
      ignoreHTTPSErrors: true,
      viewport: headless ? { width: 1280, height: 900 } : null,
      ...(options.handleSignals === false ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
      args: [
        `--disable-extensions-except=${options.extensionDir}`,
        `--load-extension=${options.extensionDir}`,
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        `--host-resolver-rules=MAP *.okta.com 127.0.0.1:${options.consolePort}`,
        "--ignore-certificate-errors",
      ],
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  try {
    const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    return {
      context,
      extensionId,
      serviceWorker,
      extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, "")}`,
      close: async () => {
        await context.close().catch(() => {});
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`the extension's service worker did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Removes a test file's earlier screenshots at the start of its run, so the folder holds this run's states: only
 * the names `owned` matches, since the browser test files share the folder and any of them may run first.
 */
export function resetScreenshots(owned: RegExp): void {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const name of readdirSync(SCREENSHOT_DIR)) {
    if (name.endsWith(".png") && owned.test(name)) rmSync(join(SCREENSHOT_DIR, name), { force: true });
  }
}

/**
 * A screenshot of the page (or of one element) as test/.artifacts/screenshots/<name>.png; returns its path.
 * `fullPage`: the whole scrollable page rather than the viewport (pages only).
 */
export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await target.screenshot({ path, animations: "disabled", ...(options.fullPage ? { fullPage: true } : {}) });
  return path;
}
