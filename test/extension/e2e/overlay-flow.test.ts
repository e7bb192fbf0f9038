/**
 * The extension end to end, in Debian's Chromium: the built extension (loopback-granting dev build), the real
 * worker under `wrangler dev` with the fake IdP, fake Okta and fake Persona of `npm run dev` (on ports of their own,
 * with a fresh worker state), and a fake admin console served as https://acme-admin.okta.com. An admin configures
 * the extension, registers its ID with the organization and signs in through SAML; opens users' pages and sees their
 * Persona case and Okta status; suspends (confirming) and sees Okta's state change and the audit entry; follows
 * in-console navigation; issues a temporary access code; deactivates (typing the login); then a viewer sees the
 * same panel without any action. Screenshots of every state go to test/.artifacts/screenshots/.
 *
 * The stack's organization has the verification policy `npm run dev` seeds; this file removes it first, so its actions
 * run as they do without one (test/extension/e2e/verified-recovery.test.ts walks the policy's flow).
 *
 * The steps share one browser and one stack and run in order: later steps rely on the sign-in of the first one.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { ADA, ALAN, adminConsole, browser, CHARLES, GRACE, KATHERINE, oktaUser, setUpE2eRun, stack } from "../support/e2e-run";
import { overlay, readyOverlayWithStatus, runAction, setUpAndSignIn, signInThroughIdp, textOf, waitForOverlayState } from "../support/flows";

/** The options page, kept open: sign-in and sign-out happen there. */
let options: Page;
/** The page a failing step is screenshotted from. */
let current: Page | undefined;

async function openUserPage(userId: string): Promise<Page> {
  const page = await browser.context.newPage();
  current = page;
  await page.goto(adminConsole.userUrl(userId), { waitUntil: "domcontentloaded" });
  return page;
}

// Screenshots 00-19 (with letter variants such as 04b-).
setUpE2eRun(() => current, { name: "overlay", screenshots: /^[01]\d[a-z]?-/ });

describe("the extension against the local stack", () => {
  it("asks to be set up on a user's page before the worker is configured", async () => {
    const page = await openUserPage(ADA);
    await waitForOverlayState(page, "not-configured");
    expect(await page.locator('persona-okta-companion [data-poc="open-options"]').count()).toBe(1);
    expect(await page.locator("persona-okta-companion button[data-action]").count()).toBe(0);
    await screenshot(page, "00-overlay-not-configured");
    await page.close();
  });

  it("configures the worker, registers its ID with the organization and signs an admin in through SAML", async () => {
    options = await browser.context.newPage();
    current = options;
    await options.goto(browser.extensionUrl("options.html"));
    await options.locator('input[name="workerUrl"]').waitFor({ state: "visible" });
    await screenshot(options, "01-options-signed-out");
    await expect.poll(() => textOf(options.locator('[data-poc="extension-id"]'))).toContain(browser.extensionId);

    const noPolicy = await stack.api("DELETE", `/api/orgs/${stack.orgId}/verification`);
    expect(noPolicy.status, JSON.stringify(noPolicy.body)).toBe(204);
    const signedInAs = await setUpAndSignIn({ browser, stack, options, email: "ada@acme.test", idpScreenshot: "02-idp-sign-in" });
    expect(await textOf(signedInAs)).toContain("ada@acme.test");
    expect(await textOf(signedInAs)).toContain("admin");
    await screenshot(options, "01b-options-signed-in");
  });

  it("shows every section of the options page to an admin", async () => {
    current = options;
    // One console section at a time, opened from its navigation link; the Okta section holds SSO and credentials.
    const panels: Record<string, string[]> = {
      okta: ["sso", "credentials"],
      persona: ["persona"],
      roles: ["roles"],
      users: ["users"],
      rules: ["rules"],
      "api-keys": ["api-keys"],
      audit: ["audit"],
    };
    for (const [panel, sections] of Object.entries(panels)) {
      await options.locator(`[data-poc="console-nav"] a[data-nav="${panel}"]`).click();
      for (const section of sections) {
        const locator = options.locator(`section[data-section="${section}"]`);
        await locator.waitFor({ state: "visible" });
        await locator.scrollIntoViewIfNeeded();
        await screenshot(locator, `14-options-${section}`);
      }
    }
    await options.locator('[data-poc="console-nav"] a[data-nav="setup"]').click();
    await expect.poll(() => textOf(options.locator('[data-poc="setup-progress"]')), { timeout: 15_000 }).toMatch(/of 7 steps done/);
    await screenshot(options, "14-options-full", { fullPage: true });
  });

  it("shows loading, then Ada's open Persona case and her Okta status", async () => {
    // One rate-limited answer from Okta holds the context for about two seconds (the worker waits out
    // X-Rate-Limit-Reset), so the loading state can be seen and photographed.
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
    await screenshot(page, "03-overlay-loading");

    await readyOverlayWithStatus(page, "ACTIVE");
    expect(await textOf(page.locator('[data-poc="case-badge"]'))).toBe("Open");
    expect(await textOf(page.locator('[data-poc="case-name"]'))).toBe("KYC review – Ada Lovelace");
    expect(await page.locator('[data-poc="inquiries"] li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-poc="groups"] li').count()).toBeGreaterThan(0);
    await screenshot(page, "04-overlay-ready-case");
    await page.close();
  });

  it("suspends Ada after a confirmation naming her; Okta, the audit log and the panel agree", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");

    await page.locator('button[data-action="suspend"]').click();
    const dialog = page.locator('persona-okta-companion [role="dialog"]');
    await dialog.waitFor({ state: "visible" });
    expect(await textOf(dialog)).toContain("Ada Lovelace");
    await screenshot(page, "05-confirm-suspend");
    await dialog.locator('[data-poc="confirm"]').click();

    await expect.poll(() => textOf(page.locator('[data-poc="announce"]')), { timeout: 15_000 }).toMatch(/suspend/i);
    expect(await textOf(page.locator('[data-poc="announce"]'))).not.toMatch(/fail|error|refused/i);
    await expect.poll(() => textOf(page.locator('[data-poc="okta-status"]')), { timeout: 15_000 }).toBe("SUSPENDED");
    expect((await oktaUser(ADA)).status).toBe("SUSPENDED");

    const audit = await stack.api("GET", `/api/orgs/${stack.orgId}/audit?userId=${ADA}`);
    expect(audit.status).toBe(200);
    const entries = (audit.body as { entries: Array<{ action: string; result: string; actor: { label: string }; targetUserId: string | null }> }).entries;
    expect(
      entries.find((entry) => entry.action === "suspend" && entry.result === "success"),
      JSON.stringify(entries),
    ).toMatchObject({
      actor: { label: expect.stringContaining("ada@acme.test") },
      targetUserId: ADA,
    });

    await expect
      .poll(() => page.locator('[data-poc="recent-audit"] li').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/suspend/i)]));
    await screenshot(page, "06-after-suspend");
    await page.close();
  });

  it("announces Okta's errorSummary when an action fails, then unsuspends Ada", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "SUSPENDED");
    // Okta answers the next unsuspend with a 500 before doing anything; the worker never retries a POST.
    const fault = await stack.oktaControl("POST", `/orgs/${stack.orgId}/faults`, {
      kind: "500",
      count: 1,
      method: "POST",
      pathPrefix: `/api/v1/users/${ADA}/lifecycle/unsuspend`,
      body: "json",
    });
    expect(fault.status).toBe(201);
    await runAction(page, "unsuspend");
    await expect.poll(() => textOf(page.locator('[data-poc="announce"]')), { timeout: 15_000 }).toContain("Internal Server Error");
    await screenshot(page, "08b-overlay-action-error");
    expect((await oktaUser(ADA)).status).toBe("SUSPENDED");

    // The state later steps start from.
    await runAction(page, "unsuspend");
    await expect.poll(() => textOf(page.locator('[data-poc="okta-status"]')), { timeout: 15_000 }).toBe("ACTIVE");
    expect((await oktaUser(ADA)).status).toBe("ACTIVE");
    await page.close();
  });

  it("shows an Okta read failure in the Okta section, the rest of the panel intact", async () => {
    // Every read of Charles fails with a 500 (the worker retries a GET once), until the faults are cleared.
    const fault = await stack.oktaControl("POST", `/orgs/${stack.orgId}/faults`, {
      kind: "500",
      count: 20,
      method: "GET",
      pathPrefix: `/api/v1/users/${CHARLES}`,
      body: "json",
    });
    expect(fault.status).toBe(201);
    try {
      const page = await openUserPage(CHARLES);
      const root = await waitForOverlayState(page, "ready");
      await expect.poll(() => textOf(root), { timeout: 15_000 }).toMatch(/Okta[^.]*500|Internal Server Error/);
      expect(await page.locator('[data-poc="okta-status"]').count()).toBe(0);
      expect(await page.locator('[data-poc="persona-empty"]').count()).toBe(1);
      await screenshot(page, "08c-overlay-okta-read-error");
      await page.close();
    } finally {
      await stack.oktaControl("DELETE", `/orgs/${stack.orgId}/faults`);
    }
  });

  it("shows the error state, with a retry, when the worker fails", async () => {
    // The worker itself fails on this user's context (a 500 in its own error shape); the background passes it on.
    const contextUrl = `${stack.urls.worker}/api/orgs/${stack.orgId}/okta/users/${CHARLES}/context`;
    let intercepted = 0;
    await browser.context.route(contextUrl, async (route) => {
      intercepted++;
      await route.fulfill({
        status: 500,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "internal_error", message: "internal error", requestId: "req-e2e-outage" } }),
      });
    });
    try {
      const page = await openUserPage(CHARLES);
      await waitForOverlayState(page, "error");
      expect(intercepted).toBeGreaterThan(0);
      await page.locator('persona-okta-companion [data-poc="error"]').waitFor({ state: "visible" });
      expect(await textOf(page.locator('persona-okta-companion [data-poc="error"]'))).toContain("internal_error");
      await screenshot(page, "08-overlay-error");

      await browser.context.unroute(contextUrl);
      await page.locator('persona-okta-companion [data-poc="error"] button').click();
      await readyOverlayWithStatus(page, "DEPROVISIONED");
      await page.close();
    } finally {
      await browser.context.unroute(contextUrl).catch(() => {});
    }
  });

  it("follows in-console navigation (pushState and back) to another user", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await page.locator(`[data-se="spa-link"][data-user-id="${GRACE}"]`).click();
    await page.waitForURL(adminConsole.userUrl(GRACE));
    await expect.poll(() => textOf(page.locator('[data-poc="case-name"]')), { timeout: 15_000 }).toBe("KYC review – Grace Hopper");
    expect(await textOf(page.locator('[data-poc="case-badge"]'))).toBe("Declined");
    await expect.poll(() => textOf(page.locator('[data-poc="okta-status"]')), { timeout: 15_000 }).toBe("SUSPENDED");
    await screenshot(page, "04b-overlay-after-spa-navigation");

    await page.goBack();
    await expect.poll(() => textOf(page.locator('[data-poc="case-name"]')), { timeout: 15_000 }).toBe("KYC review – Ada Lovelace");
    await expect.poll(() => textOf(page.locator('[data-poc="okta-status"]')), { timeout: 15_000 }).toBe("ACTIVE");
    await page.close();
  });

  it("stays off pages that are not a user's profile", async () => {
    const page = await browser.context.newPage();
    current = page;
    await page.goto(adminConsole.usersUrl, { waitUntil: "load" });
    await page.locator('[data-se="user-row"]').first().waitFor({ state: "visible" });
    await page.waitForTimeout(1_500); // time for a content script to (wrongly) mount
    expect(await overlay(page).count()).toBe(0);
    await screenshot(page, "15-users-list-no-overlay");

    // The same tab, following a link to a user: the panel comes.
    await page.locator(`a[href="/admin/user/profile/view/${ALAN}"]`).click();
    await readyOverlayWithStatus(page, "LOCKED_OUT");
    await page.close();
  });

  it("says when a user has no Persona account", async () => {
    const page = await openUserPage(KATHERINE);
    await readyOverlayWithStatus(page, "STAGED");
    await page.locator('[data-poc="persona-empty"]').waitFor({ state: "visible" });
    expect(await page.locator('[data-poc="case-badge"]').count()).toBe(0);
    await screenshot(page, "07-overlay-no-persona-account");
    await page.close();
  });

  it("collapses, remembers it across reloads and tabs, and expands again", async () => {
    const page = await openUserPage(KATHERINE);
    await readyOverlayWithStatus(page, "STAGED");
    const collapse = page.locator('persona-okta-companion [data-poc="collapse"]');
    await collapse.click();
    await expect.poll(() => collapse.getAttribute("aria-expanded")).toBe("false");
    expect(await page.locator('persona-okta-companion [data-poc="okta-status"]').count()).toBe(0);
    await screenshot(page, "07b-overlay-collapsed");

    const other = await openUserPage(GRACE);
    await waitForOverlayState(other, "ready");
    expect(await other.locator('persona-okta-companion [data-poc="collapse"]').getAttribute("aria-expanded")).toBe("false");
    await other.close();

    await page.reload();
    const reloaded = page.locator('persona-okta-companion [data-poc="collapse"]');
    await expect.poll(() => reloaded.getAttribute("aria-expanded")).toBe("false");
    await reloaded.click();
    await readyOverlayWithStatus(page, "STAGED");
    await page.close();
  });

  it("shows a temporary access code once, the one Okta issued", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await runAction(page, "temporary_access_code");
    const code = page.locator('[data-poc="tac-code"]');
    const announce = page.locator('[data-poc="announce"]');
    await Promise.race([
      code.waitFor({ state: "visible", timeout: 15_000 }),
      announce.filter({ hasText: /error|fail|refus/i }).waitFor({ state: "visible", timeout: 15_000 }),
    ]).catch(() => {});
    if (!(await code.isVisible())) {
      await screenshot(page, "10-tac-error");
      throw new Error(`no [data-poc="tac-code"]; the overlay announced: ${JSON.stringify(await textOf(announce))}`);
    }
    const shown = await textOf(code);
    expect(shown.length).toBeGreaterThan(0);
    const issued = (await oktaUser(ADA)).tac?.tac;
    expect(issued, "the fake Okta holds the issued code").toBeTruthy();
    expect(shown.replace(/\s/g, "")).toContain(issued!.replace(/\s/g, ""));
    await screenshot(page, "10-tac-shown-once");

    // Once: a reload of the panel does not bring it back.
    await page.reload({ waitUntil: "domcontentloaded" });
    await readyOverlayWithStatus(page, "ACTIVE");
    expect(await page.locator('[data-poc="tac-code"]').count()).toBe(0);
    await page.close();
  });

  it("deactivates only after the user's login is typed", async () => {
    const page = await openUserPage(ALAN);
    await readyOverlayWithStatus(page, "LOCKED_OUT");
    await page.locator('button[data-action="deactivate"]').click();
    const dialog = page.locator('persona-okta-companion [role="dialog"]');
    await dialog.waitFor({ state: "visible" });
    expect(await textOf(dialog)).toContain("Alan Turing");
    const confirm = dialog.locator('[data-poc="confirm"]');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator('input[data-poc="confirm-login"]').fill("ada@acme.test");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator('input[data-poc="confirm-login"]').fill("alan@acme.test");
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(page, "11-deactivate-type-login");
    await confirm.click();
    await expect.poll(() => textOf(page.locator('[data-poc="okta-status"]')), { timeout: 15_000 }).toBe("DEPROVISIONED");
    expect((await oktaUser(ALAN)).status).toBe("DEPROVISIONED");
    await screenshot(page, "11b-after-deactivate");
    await page.close();
  });

  it("asks to sign in once signed out, and shows a viewer the panel without actions", async () => {
    const provisioned = await stack.api("POST", `/api/orgs/${stack.orgId}/users`, { email: "viewer@acme.test", role: "viewer" });
    expect(provisioned.status, JSON.stringify(provisioned.body)).toBe(201);

    current = options;
    await options.bringToFront();
    await options.locator('[data-poc="sign-out"]').click();
    await options.locator('[data-poc="sign-in"]').waitFor({ state: "visible" });
    expect(await options.locator('[data-poc="signed-in-as"]').count()).toBe(0);

    const signedOut = await openUserPage(ADA);
    await waitForOverlayState(signedOut, "signed-out");
    await signedOut.locator('button[data-poc="sign-in"]').waitFor({ state: "visible" });
    await screenshot(signedOut, "12-overlay-signed-out");
    await signedOut.close();

    current = options;
    await options.bringToFront();
    await signInThroughIdp({ context: browser.context, options, idpOrigin: stack.urls.idp, email: "viewer@acme.test" });
    const signedInAs = options.locator('[data-poc="signed-in-as"]');
    await signedInAs.waitFor({ state: "visible" });
    expect(await textOf(signedInAs)).toContain("viewer@acme.test");
    expect(await textOf(signedInAs)).toContain("viewer");

    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    expect(await textOf(page.locator('[data-poc="case-badge"]'))).toBe("Open");
    expect(await page.locator("button[data-action]").count()).toBe(0);
    await screenshot(page, "09-viewer-no-actions");
    await page.close();
  });

  it("shows who is signed in to which organization in the popup", async () => {
    const popup = await browser.context.newPage();
    current = popup;
    await popup.goto(browser.extensionUrl("popup.html"));
    await expect.poll(() => popup.locator("body").innerText(), { timeout: 15_000 }).toContain("viewer@acme.test");
    expect(await popup.locator("body").innerText()).toContain(stack.orgId);
    await screenshot(popup, "13-popup");
    await popup.close();
  });
});
