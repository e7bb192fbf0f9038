/**
 * The extension in a real Firefox (Debian's firefox-esr over WebDriver BiDi): the Firefox dev build installed as a
 * temporary add-on, the real worker under `wrangler dev` with the fakes of `npm run dev`, and the fake admin console
 * served as https://acme-admin.okta.com on 443. The overlay asks to be set up and opens the options page; an admin
 * saves the worker, registers the add-on's ID with the organization and signs in through Firefox's
 * `identity.launchWebAuthFlow` window and the SAML IdP; the overlay shows loading, Ada's case and status, a user with
 * no Persona account and an unreachable worker; a suspension is confirmed and checked at the fake Okta and in the
 * audit; after sign-out the overlay says so. Screenshots 60-69, beside Chromium's in test/.artifacts/screenshots/.
 *
 * The steps share one browser and one stack and run in order: later steps rely on the sign-in of the second.
 */
import type { Page } from "puppeteer-core";
import { describe, expect, it } from "vitest";
import { ADA, CHARLES, KATHERINE } from "../support/e2e-run";
import {
  inOverlay,
  openOptionsFromOverlay,
  readyOverlayWithStatus,
  saveSettings,
  screenshot,
  signInThroughIdp,
  textOf,
  waitForOverlayState,
} from "../support/firefox-flows";
import { adminConsole, firefox, reopenWorker, setUpFirefoxRun, stack, worker } from "../support/firefox-run";
import { until } from "../support/poll";

let current: Page | undefined;
/** The options page, opened from the overlay and kept: sign-in and sign-out happen there. */
let options: Page;

setUpFirefoxRun(() => current, { name: "firefox", screenshots: /^6\d[a-z]?-firefox-/ });

async function openUserPage(userId: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  current = page;
  await page.goto(adminConsole.userUrl(userId), { waitUntil: "domcontentloaded" });
  return page;
}

describe("the extension in Firefox", () => {
  it("mounts on a user's page of the console and asks to be set up, then opens its options", async () => {
    const page = await openUserPage(ADA);
    await waitForOverlayState(page, "not-configured");
    expect(await page.$$(inOverlay("button[data-action]"))).toHaveLength(0);
    await screenshot(page, "60-firefox-overlay-not-configured");

    options = await openOptionsFromOverlay(firefox.browser, page, firefox.extensionOrigin);
    current = options;
    await until(
      () => textOf(options, '[data-poc="extension-id"]'),
      (text) => text.includes(firefox.extensionId),
      "the options page's extension ID",
    );
    await screenshot(options, "61-firefox-options-signed-out");
    await page.close();
  });

  it("saves the worker, registers the add-on's ID and signs an admin in through Firefox's web-auth window", async () => {
    current = options;
    await saveSettings(options, { workerUrl: worker.origin, orgId: stack.orgId });
    const registered = await stack.api("PATCH", `/api/orgs/${stack.orgId}`, { extensionIds: [firefox.extensionId] });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);

    const signedInAs = await signInThroughIdp({
      browser: firefox.browser,
      options,
      idpOrigin: stack.urls.idp,
      email: "ada@acme.test",
      screenshotName: "62-firefox-idp-sign-in",
    });
    expect(signedInAs).toContain("ada@acme.test");
    expect(signedInAs).toContain("admin");
    await screenshot(options, "63-firefox-options-signed-in");
  });

  it("shows loading, then Ada's open Persona case and her Okta status", async () => {
    // One rate-limited answer from Okta holds the context for about two seconds (the worker waits out the reset).
    const fault = await stack.oktaControl("POST", `/orgs/${stack.orgId}/faults`, {
      kind: "429",
      count: 1,
      method: "GET",
      pathPrefix: `/api/v1/users/${ADA}`,
      resetSeconds: 2,
    });
    expect(fault.status).toBe(201);
    const page = await openUserPage(ADA);
    await waitForOverlayState(page, "loading", 10_000);
    await screenshot(page, "64-firefox-overlay-loading");

    await readyOverlayWithStatus(page, "ACTIVE");
    expect(await textOf(page, inOverlay('[data-poc="case-badge"]'))).toBe("Open");
    expect(await textOf(page, inOverlay('[data-poc="case-name"]'))).toBe("KYC review – Ada Lovelace");
    expect((await page.$$(inOverlay('[data-poc="groups"] li'))).length).toBeGreaterThan(0);
    await screenshot(page, "65-firefox-overlay-ready-case");
    await page.close();
  });

  it("suspends Ada after a confirmation naming her; the fake Okta, the audit log and the panel agree", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await page.click(inOverlay('button[data-action="suspend"]'));
    const dialog = inOverlay('[role="dialog"]');
    await page.waitForSelector(dialog, { visible: true });
    expect(await textOf(page, dialog)).toContain("Ada Lovelace");
    await screenshot(page, "66-firefox-confirm-suspend");
    await page.click(inOverlay('[role="dialog"] [data-poc="confirm"]'));

    await until(
      () => textOf(page, inOverlay('[data-poc="okta-status"]')),
      (status) => status === "SUSPENDED",
      "the overlay's Okta status",
    );
    expect(await textOf(page, inOverlay('[data-poc="announce"]'))).toMatch(/suspend/i);
    const okta = await stack.oktaControl("GET", `/orgs/${stack.orgId}/users/${ADA}`);
    expect((okta.body as { status: string }).status).toBe("SUSPENDED");

    const audit = await stack.api("GET", `/api/orgs/${stack.orgId}/audit?userId=${ADA}`);
    expect(audit.status).toBe(200);
    const entries = (audit.body as { entries: Array<{ action: string; result: string; actor: { label: string }; targetUserId: string | null }> }).entries;
    expect(
      entries.find((entry) => entry.action === "suspend" && entry.result === "success"),
      JSON.stringify(entries),
    ).toMatchObject({ actor: { label: expect.stringContaining("ada@acme.test") }, targetUserId: ADA });
    await until(
      () => page.$$eval(inOverlay('[data-poc="recent-audit"] li'), (items) => items.map((item) => item.textContent ?? "")),
      (items) => items.some((text) => /suspend/i.test(text)),
      "the panel's recent actions",
    );
    await screenshot(page, "67-firefox-after-suspend");
    await page.close();
  });

  it("says when a user has no Persona account", async () => {
    const page = await openUserPage(KATHERINE);
    await readyOverlayWithStatus(page, "STAGED");
    await page.waitForSelector(inOverlay('[data-poc="persona-empty"]'), { visible: true });
    expect(await page.$$(inOverlay('[data-poc="case-badge"]'))).toHaveLength(0);
    await screenshot(page, "68-firefox-overlay-no-persona-account");
    await page.close();
  });

  it("stays off the console's pages that are not a user's profile", async () => {
    const page = await firefox.browser.newPage();
    current = page;
    await page.goto(adminConsole.usersUrl, { waitUntil: "load" });
    await page.waitForSelector('[data-se="user-row"]', { visible: true });
    await new Promise((done) => setTimeout(done, 1_500)); // time for a content script to (wrongly) mount
    expect(await page.$$(inOverlay('[data-poc="overlay"]'))).toHaveLength(0);
    await page.close();
  });

  it("shows the error state, with a retry, while the worker cannot be reached", async () => {
    await worker.close();
    try {
      const page = await openUserPage(CHARLES);
      await waitForOverlayState(page, "error");
      await screenshot(page, "68b-firefox-overlay-worker-unreachable");
      await reopenWorker();
      await page.click(inOverlay('[data-poc="error"] button'));
      await readyOverlayWithStatus(page, "DEPROVISIONED");
      await page.close();
    } finally {
      if (
        !(await fetch(`${worker.origin}/health`).then(
          (answer) => answer.ok,
          () => false,
        ))
      )
        await reopenWorker();
    }
  });

  it("says so on the console after signing out in the options", async () => {
    current = options;
    await options.bringToFront();
    await options.click('[data-poc="sign-out"]');
    await options.waitForSelector('[data-poc="sign-in"]:not([disabled])', { visible: true });
    const page = await openUserPage(ADA);
    await waitForOverlayState(page, "signed-out");
    expect(await page.$$(inOverlay("button[data-action]"))).toHaveLength(0);
    await screenshot(page, "69-firefox-overlay-signed-out");
    await page.close();
  });
});
