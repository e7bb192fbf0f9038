/**
 * The steps of test/extension/support/flows.ts, for puppeteer's Firefox: the same DOM contracts (the options page's
 * plain DOM, the overlay's open shadow root under `<persona-okta-companion>`, which puppeteer's `>>>` pierces).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { SCREENSHOT_DIR } from "./browser";
import { nextPage } from "./firefox";
import { until } from "./poll";

/** A selector inside the overlay's shadow root. */
export const inOverlay = (selector: string): string => `persona-okta-companion >>> ${selector}`;

/** The trimmed text of the first element matching `selector`, or "" when there is none. */
export async function textOf(page: Page, selector: string): Promise<string> {
  const handle = await page.$(selector);
  if (!handle) return "";
  try {
    return ((await handle.evaluate((element) => element.textContent)) ?? "").trim();
  } finally {
    await handle.dispose();
  }
}

/** Waits until the overlay shows `state`, and says which state it was in instead when it does not get there. */
export async function waitForOverlayState(page: Page, state: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForSelector(inOverlay(`[data-poc="overlay"][data-state="${state}"]`), { visible: true, timeout });
  } catch (error) {
    const root = await page.$(inOverlay('[data-poc="overlay"]'));
    const seen = root
      ? await root.evaluate((element) => [element.getAttribute("data-state"), (element.textContent ?? "").slice(0, 400)])
      : ["(no overlay)", ""];
    throw new Error(`the overlay did not reach data-state="${state}" (it is "${seen[0]}"; text: ${JSON.stringify(seen[1])}): ${String(error)}`);
  }
}

/** Waits for the panel of a user: ready, and showing that user's Okta status. */
export async function readyOverlayWithStatus(page: Page, status: string): Promise<void> {
  await waitForOverlayState(page, "ready");
  await until(
    () => textOf(page, inOverlay('[data-poc="okta-status"]')),
    (seen) => seen === status,
    "the overlay's Okta status",
  );
}

/** A screenshot of the whole page as test/.artifacts/screenshots/<name>.png, beside Chromium's; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage: true });
  return path;
}

/**
 * The options page as a user reaches it in Firefox: the overlay's "Open the companion's options" button (BiDi
 * refuses to navigate to moz-extension:// URLs), which opens it in a new tab.
 */
export async function openOptionsFromOverlay(browser: Browser, page: Page, extensionOrigin: string): Promise<Page> {
  const button = await page.waitForSelector(inOverlay('[data-poc="open-options"]'), { visible: true });
  const options = await nextPage(browser, () => button!.click());
  await options.waitForSelector('input[name="workerUrl"]', { visible: true });
  const href = await options.evaluate(() => location.href);
  if (!href.startsWith(extensionOrigin)) throw new Error(`the overlay's button opened ${href}, not the extension's options page`);
  return options;
}

/** Types the worker and organization into the options page and saves; returns when "Sign in" is offered. */
export async function saveSettings(options: Page, settings: { workerUrl: string; orgId: string }): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    await options.$eval(`input[name="${name}"]`, (input) => {
      (input as HTMLInputElement).value = "";
    });
    await options.type(`input[name="${name}"]`, value);
  }
  await options.click('[data-poc="save-settings"]');
  try {
    await options.waitForSelector('[data-poc="sign-in"]:not([disabled])', { visible: true });
  } catch (error) {
    const said = await textOf(options, 'section[data-section="settings"]');
    throw new Error(`saving the settings did not offer "Sign in" (the form says ${JSON.stringify(said.slice(0, 300))}): ${String(error)}`);
  }
}

/**
 * "Sign in" on the options page: Firefox's `identity.launchWebAuthFlow` opens the organization's IdP in a window of
 * its own; the email is typed there, and the window closes when the worker redirects to the add-on's
 * `extensions.allizom.org` URL. Returns when the options page says who is signed in.
 */
export async function signInThroughIdp(input: { browser: Browser; options: Page; idpOrigin: string; email: string; screenshotName?: string }): Promise<string> {
  const { options } = input;
  const idp = await nextPage(input.browser, () => options.click('[data-poc="sign-in"]'));
  const email = await idp.waitForSelector('input[name="email"]', { visible: true });
  if (!idp.url().startsWith(input.idpOrigin)) throw new Error(`the sign-in window shows ${idp.url()}, not the IdP ${input.idpOrigin}`);
  await email!.evaluate((input) => {
    (input as HTMLInputElement).value = "";
  });
  await email!.type(input.email);
  if (input.screenshotName) await screenshot(idp, input.screenshotName);
  await idp.click("#sign-in");
  await options.waitForSelector('[data-poc="signed-in-as"]', { visible: true, timeout: 20_000 });
  return textOf(options, '[data-poc="signed-in-as"]');
}
