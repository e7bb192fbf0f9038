/**
 * Steps the browser tests repeat, written against the DOM contracts of the options page (plain DOM) and of the
 * overlay (an open shadow root under `<persona-okta-companion>`, which Playwright's CSS locators pierce).
 */
import type { BrowserContext, Locator, Page } from "playwright-core";
import { type ExtensionBrowser, screenshot } from "./browser";
import { until } from "./poll";
import type { Stack } from "./stack";

/** The overlay's root; `data-state` is loading | ready | error | signed-out | not-configured. */
export function overlay(page: Page): Locator {
  return page.locator('persona-okta-companion [data-poc="overlay"]');
}

/** Waits until the overlay shows `state`, and says which state it was in instead when it does not get there. */
export async function waitForOverlayState(page: Page, state: string, timeout = 20_000): Promise<Locator> {
  const root = overlay(page);
  try {
    await page.locator(`persona-okta-companion [data-poc="overlay"][data-state="${state}"]`).waitFor({ state: "visible", timeout });
  } catch (error) {
    const seen = await root.getAttribute("data-state", { timeout: 1_000 }).catch(() => "(no overlay)");
    const text = await root.innerText({ timeout: 1_000 }).catch(() => "");
    throw new Error(`the overlay did not reach data-state="${state}" (it is "${seen}"; text: ${JSON.stringify(text.slice(0, 400))}): ${String(error)}`);
  }
  return root;
}

/** Waits for the panel of a user: ready, and showing that user's Okta status. */
export async function readyOverlayWithStatus(page: Page, status: string): Promise<void> {
  await waitForOverlayState(page, "ready");
  await until(
    () => textOf(page.locator('[data-poc="okta-status"]')),
    (seen) => seen === status,
    "the overlay's Okta status",
  );
}

/** The overlay's verification panel; `data-poc-verification` is its state (not-started, link-issued, waiting, verified, …). */
export function verificationPanel(page: Page): Locator {
  return page.locator("persona-okta-companion [data-poc-verification]");
}

/** Waits until the verification panel shows `state`, and says which state it was in instead when it does not get there. */
export async function waitForVerificationPanel(page: Page, state: string, timeout = 20_000): Promise<void> {
  try {
    await page.locator(`persona-okta-companion [data-poc-verification="${state}"]`).waitFor({ state: "visible", timeout });
  } catch (error) {
    const panel = verificationPanel(page);
    const seen = await panel.getAttribute("data-poc-verification", { timeout: 1_000 }).catch(() => "(no panel)");
    const text = await panel.innerText({ timeout: 1_000 }).catch(() => "");
    throw new Error(`the panel did not reach "${state}" (it is "${seen}"; text: ${JSON.stringify(text.slice(0, 300))}): ${String(error)}`);
  }
}

/**
 * "Sign in" on the options page: the background's launchWebAuthFlow opens the organization's IdP (the fake Okta
 * sign-in page) as a new page of the context; the email is typed there, and the window closes itself when the
 * worker redirects to the extension's chromiumapp.org URL.
 */
export async function signInThroughIdp(input: {
  context: BrowserContext;
  options: Page;
  idpOrigin: string;
  email: string;
  screenshotName?: string;
}): Promise<void> {
  const { context, options } = input;
  const opened = context.waitForEvent("page", { timeout: 15_000 });
  await options.locator('[data-poc="sign-in"]').click();
  const idp = await opened;
  const email = idp.locator('input[name="email"]');
  await email.waitFor({ state: "visible", timeout: 15_000 });
  if (!idp.url().startsWith(input.idpOrigin)) throw new Error(`the sign-in window shows ${idp.url()}, not the IdP ${input.idpOrigin}`);
  await email.fill(input.email);
  if (input.screenshotName) await screenshot(idp, input.screenshotName);
  const closed = idp.waitForEvent("close", { timeout: 20_000 });
  await idp.locator("#sign-in").click();
  await closed;
}

/** Clicks an action button and, when the overlay asks, confirms in its dialog. */
export async function runAction(page: Page, action: string): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
  const dialog = page.locator('persona-okta-companion [role="dialog"]');
  // Preact renders the dialog on its next tick: give it a moment before deciding there is none.
  const asked = await dialog.waitFor({ state: "visible", timeout: 1_500 }).then(
    () => true,
    () => false,
  );
  if (asked) await dialog.locator('[data-poc="confirm"]').click();
}

/** The trimmed text of a locator, or "" when it is absent. */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent({ timeout: 2_000 }).catch(() => null)) ?? "").trim();
}

/**
 * The options page's set-up: worker URL and organization saved (the dev build holds the loopback permission
 * already), then waits until "Sign in" is offered.
 */
export async function saveSettings(options: Page, settings: { workerUrl: string; orgId: string }): Promise<void> {
  await options.locator('input[name="workerUrl"]').fill(settings.workerUrl);
  await options.locator('input[name="orgId"]').fill(settings.orgId);
  await options.locator('[data-poc="save-settings"]').click();
  await options.locator('[data-poc="sign-in"]:not([disabled])').waitFor({ state: "visible" });
}

/**
 * What an admin does on a fresh install: save the worker and organization, register the extension's ID with the
 * organization (once per organization: only registered IDs may receive a sign-in code; done here with the bootstrap
 * token), then sign in through the IdP. Returns when the options page shows who is signed in.
 */
export async function setUpAndSignIn(input: {
  browser: ExtensionBrowser;
  stack: Stack;
  options: Page;
  email: string;
  idpScreenshot?: string;
}): Promise<Locator> {
  const { browser, stack, options } = input;
  await saveSettings(options, { workerUrl: stack.urls.worker, orgId: stack.orgId });
  const registered = await stack.api("PATCH", `/api/orgs/${stack.orgId}`, { extensionIds: [browser.extensionId] });
  if (registered.status !== 200) throw new Error(`registering the extension answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  await signInThroughIdp({ context: browser.context, options, idpOrigin: stack.urls.idp, email: input.email, screenshotName: input.idpScreenshot });
  const signedInAs = options.locator('[data-poc="signed-in-as"]');
  await signedInAs.waitFor({ state: "visible" });
  return signedInAs;
}
