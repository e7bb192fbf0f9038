/**
 * The setup console end to end, in Debian's Chromium against the local stack of `npm run dev` (the seeded `acme`):
 * an admin signs in and works down the Setup checklist, whose states come from the real worker: the credential's
 * Test fails while the fake Okta withholds a scope (the capability table says which to grant), then passes; Okta's
 * event hook gets a secret generated in the page, which the fake Okta then verifies against the worker exactly as
 * pasted. Every section is reached from the keyboard and checked with axe (serious or critical violations fail), as
 * are the popup and the overlay's reachable states. Then a SCIM token is made, used by a real SCIM request and revoked
 * behind its confirm, and the SAML options are switched against the worker. Screenshots 50-59 and 70-79.
 *
 * The steps share one browser and one stack and run in order: later steps rely on the sign-in of the second one.
 */
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_OKTA } from "../../../worker/scripts/dev/demo-data";
import { axeCheck } from "../support/axe";
import { screenshot } from "../support/browser";
import { ADA, adminConsole, browser, setUpE2eRun, stack } from "../support/e2e-run";
import { readyOverlayWithStatus, setUpAndSignIn, textOf, waitForOverlayState } from "../support/flows";

let options: Page;
let current: Page | undefined;
const axeLog: string[] = [];

setUpE2eRun(() => current, { name: "options", screenshots: /^[57]\d[a-z]?-/ });
afterAll(() => {
  // What axe found at any impact, for the record (the steps fail on serious and critical ones only).
  console.log(`[axe]\n${axeLog.join("\n")}`);
});

/** axe on the page (or one part of it): every finding logged, serious and critical ones fail the step. */
async function expectAccessible(page: Page, where: string, include?: string): Promise<void> {
  const { serious, all } = await axeCheck(page, include);
  axeLog.push(`${where}: ${all.length === 0 ? "no violation" : all.join(" | ")}`);
  expect(serious, `${where}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

const step = (id: string) => options.locator(`li[data-step="${id}"]`);
const stateOf = (id: string) => step(id).getAttribute("data-state");

/** Opens a section from the navigation with the keyboard, and waits for focus to land on its heading. */
async function openWithKeyboard(section: string, heading: string): Promise<void> {
  await options.locator(`a[data-nav="${section}"]`).focus();
  await options.keyboard.press("Enter");
  await expect.poll(() => options.evaluate(() => document.activeElement?.id ?? "")).toBe(heading);
  expect(new URL(options.url()).hash).toBe(`#${section}`);
  expect(await options.locator(`a[data-nav="${section}"]`).getAttribute("aria-current")).toBe("page");
}

async function openOverlay(userId: string): Promise<Page> {
  const page = await browser.context.newPage();
  current = page;
  await page.goto(adminConsole.userUrl(userId), { waitUntil: "domcontentloaded" });
  return page;
}

/** axe on the popup, opened in a page of its own once it shows `ready`. */
async function expectPopupAccessible(where: string, ready: string): Promise<void> {
  const popup = await browser.context.newPage();
  current = popup;
  await popup.goto(browser.extensionUrl("popup.html"));
  await popup.locator(ready).waitFor({ state: "visible" });
  await expectAccessible(popup, where);
  await popup.close();
}

describe("the setup console", () => {
  it("is accessible before set-up: the overlay asking to be set up, the console signed out, the popup", async () => {
    const page = await openOverlay(ADA);
    await waitForOverlayState(page, "not-configured");
    await expectAccessible(page, "overlay not-configured", "persona-okta-companion");
    await page.close();

    options = await browser.context.newPage();
    current = options;
    await options.goto(browser.extensionUrl("options.html"));
    await options.locator('input[name="workerUrl"]').waitFor({ state: "visible" });
    expect(await options.locator('[data-poc="console-nav"] a').evaluateAll((links) => links.map((link) => link.getAttribute("data-nav")))).toEqual(["setup"]);
    await expectAccessible(options, "options signed out");
    await screenshot(options, "50-options-signed-out");

    await expectPopupAccessible("popup signed out", '[data-poc="signed-out"]');
  });

  it("signs an admin in and shows the checklist with each step's state read from the worker", async () => {
    current = options;
    await setUpAndSignIn({ browser, stack, options, email: "ada@acme.test" });
    await expect.poll(() => textOf(options.locator('[data-poc="setup-progress"]')), { timeout: 20_000 }).toMatch(/of 7 steps done/);
    // The seed: SSO (this very sign-in went through it), Persona's webhook, the policy and the rule; nothing tested,
    // and no Okta event hook.
    expect(await stateOf("sso")).toBe("done");
    expect(await stateOf("okta-credential")).toBe("attention");
    expect(await textOf(step("okta-credential").locator('[data-poc="step-problem"]'))).toContain("Not tested yet");
    expect(await stateOf("webhooks")).toBe("attention");
    expect(await stateOf("scim")).toBe("not-started");
    expect(await stateOf("verification")).toBe("done");
    expect(await stateOf("rules")).toBe("done");
    expect(await textOf(step("sso").locator('[data-poc="acs-url"]'))).toBe(`${stack.urls.worker}/${stack.orgId}/acs`);
    expect(await step("sso").locator('[data-poc="test-sign-in-link"]').getAttribute("href")).toBe(`${stack.urls.worker}/${stack.orgId}/login`);
    await expectAccessible(options, "options setup checklist");
    await screenshot(options, "51-options-setup-checklist", { fullPage: true });
  });

  it("tests the credential in its step: the table names the scope Okta withholds, and the step is done once granted", async () => {
    current = options;
    const withheld = DEMO_OKTA.grantedScopes.filter((scope) => scope !== "okta.users.manage");
    const narrowed = await stack.oktaControl("PATCH", `/orgs/${stack.orgId}/clients/${DEMO_OKTA.clientId}`, { grantedScopes: withheld });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    try {
      const test = step("okta-credential").locator('button[data-poc="test-credential"]');
      await test.click();
      const refused = step("okta-credential").locator('[data-poc="capability-report"][data-ok="false"]');
      await refused.waitFor({ state: "visible", timeout: 30_000 });
      const suspend = refused.locator('tr[data-action="suspend"]');
      expect(await suspend.getAttribute("data-usable")).toBe("false");
      expect(await textOf(suspend.locator('[data-poc="scope-to-grant"]'))).toBe("okta.users.manage");
      expect(await textOf(suspend.locator('[data-poc="fix"]'))).not.toBe("—");
      await expect.poll(() => stateOf("okta-credential"), { timeout: 15_000 }).toBe("attention");
      await expect.poll(() => textOf(step("okta-credential").locator('[data-poc="step-problem"]'))).toContain("found operations Okta refuses");
      await expectAccessible(options, "options setup capability table");
      await screenshot(step("okta-credential"), "52-options-setup-capability-refused");
    } finally {
      await stack.oktaControl("PATCH", `/orgs/${stack.orgId}/clients/${DEMO_OKTA.clientId}`, { grantedScopes: DEMO_OKTA.grantedScopes });
    }
    await step("okta-credential").locator('button[data-poc="test-credential"]').click();
    await step("okta-credential").locator('[data-poc="capability-report"][data-ok="true"]').waitFor({ state: "visible", timeout: 30_000 });
    await expect.poll(() => stateOf("okta-credential"), { timeout: 15_000 }).toBe("done");
  });

  it("tests Persona, then generates Okta's event hook secret, which the fake Okta verifies as pasted", async () => {
    current = options;
    await step("persona").locator('button[data-poc="test-persona"]').click();
    await expect.poll(() => stateOf("persona"), { timeout: 20_000 }).toBe("done");

    const hooks = step("webhooks");
    await hooks.locator('button[data-poc="generate-hook-secret"]').click();
    const secret = await textOf(hooks.locator('[data-poc="hook-secret-value"]'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(hooks, "53-options-setup-event-hook-secret");
    await hooks.locator('button[data-poc="save-hook-secret"]').click();
    await expect.poll(() => stateOf("webhooks"), { timeout: 15_000 }).toBe("done");

    // What an admin pastes into Okta, read off the page: Okta's verification request reaches the worker with it.
    const registered = await stack.oktaControl("POST", `/orgs/${stack.orgId}/event-hooks`, {
      name: "Companion",
      url: await textOf(hooks.locator('[data-poc="hook-url"]')),
      authorization: { key: await textOf(hooks.locator('[data-poc="hook-header"]')), value: secret },
      events: await hooks.locator('[data-poc="hook-event-types"] code').allTextContents(),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body).toMatchObject({ verificationStatus: "VERIFIED" });

    await hooks.locator('button[data-poc="dismiss-hook-secret"]').click();
    await expect.poll(() => options.locator('[data-poc="hook-secret-value"]').count()).toBe(0);
    await expect.poll(() => textOf(options.locator('[data-poc="setup-progress"]'))).toBe("6 of 7 steps done.");
    await screenshot(options, "54-options-setup-done", { fullPage: true });
  });

  it("makes a SCIM token shown once, which a SCIM request uses, then revokes it behind its confirm", async () => {
    current = options;
    await openWithKeyboard("provisioning", "provisioning-heading");
    const section = options.locator('section[data-section="provisioning"]');
    await section.locator('button[data-poc="create-scim-token"]').click();
    const token = await textOf(section.locator('[data-poc="scim-token-value"]'));
    const base = await textOf(section.locator('[data-poc="scim-base-url"]'));
    expect(token).toMatch(new RegExp(`^poc_scim_${stack.orgId}_[0-9a-f]{64}$`));
    expect(base).toBe(`${stack.urls.worker}/${stack.orgId}/scim/v2`);
    await section.locator('table[data-poc="scim-tokens"] tbody tr').first().waitFor({ state: "visible" });
    await expectAccessible(options, "options #provisioning new token");
    await screenshot(options, "70-options-scim-token-created", { fullPage: true });

    // What Okta's Test Connector Configuration does with the pasted values: the token is then "used".
    const users = await fetch(`${base}/Users?startIndex=1&count=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(200);
    await section.locator('button[data-poc="dismiss-scim-token"]').click();
    await expect.poll(() => options.locator('[data-poc="scim-token-value"]').count()).toBe(0);
    await openWithKeyboard("setup", "setup-checklist-heading");
    await expect.poll(() => stateOf("scim"), { timeout: 15_000 }).toBe("done");
    await expect.poll(() => textOf(options.locator('[data-poc="setup-progress"]'))).toBe("7 of 7 steps done.");
    await screenshot(step("scim"), "71-options-setup-scim-done");

    await openWithKeyboard("provisioning", "provisioning-heading");
    await section.locator('button[data-poc="revoke-scim-token"]').first().click();
    const dialog = options.locator('dialog[data-poc="confirm-dialog"]');
    await dialog.waitFor({ state: "visible" });
    expect(await options.evaluate(() => document.activeElement?.getAttribute("data-poc"))).toBe("cancel");
    await expectAccessible(options, "options SCIM revoke dialog");
    await screenshot(options, "72-options-scim-revoke-confirm");
    await dialog.locator('button[data-poc="confirm"]').click();
    await section.locator('[data-poc="empty"]').waitFor({ state: "visible" });
    const refused = await fetch(`${base}/Users`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });

  it("switches a SAML option against the worker, with what to set in Okta beside it", async () => {
    current = options;
    await openWithKeyboard("okta", "sso-heading");
    const option = options.locator('input[data-poc="sso-option-signAuthnRequests"]');
    // A click, not check(): the box is the worker's answer, ticked once the PATCH has answered.
    await option.click();
    await expect
      .poll(
        async () => ((await stack.api("GET", `/api/orgs/${stack.orgId}/sso`)).body as { options: { signAuthnRequests: boolean } }).options.signAuthnRequests,
      )
      .toBe(true);
    expect(await textOf(options.locator("#sso-option-singleLogout-hint"))).toContain(`${stack.urls.worker}/${stack.orgId}/slo`);
    await expect.poll(() => options.locator('[data-poc="refresh-last"]').count()).toBe(1);
    await expectAccessible(options, "options SSO options");
    await screenshot(options.locator('section[data-section="sso"]'), "73-options-sso-options");
    // Back as seeded, so the later steps sign in as before.
    await expect.poll(() => option.isChecked()).toBe(true);
    await option.click();
    await expect
      .poll(
        async () => ((await stack.api("GET", `/api/orgs/${stack.orgId}/sso`)).body as { options: { signAuthnRequests: boolean } }).options.signAuthnRequests,
      )
      .toBe(false);
    await openWithKeyboard("setup", "setup-checklist-heading");
  });

  it("reaches every section from the keyboard, each accessible", async () => {
    current = options;
    const headings: Record<string, string> = {
      okta: "sso-heading",
      persona: "persona-heading",
      verification: "verification-heading",
      rules: "rules-heading",
      provisioning: "provisioning-heading",
      users: "users-heading",
      roles: "roles-heading",
      "api-keys": "api-keys-heading",
      audit: "audit-heading",
      setup: "setup-checklist-heading",
    };
    for (const [section, heading] of Object.entries(headings)) {
      await openWithKeyboard(section, heading);
      await options.locator('[data-poc="loading"]').first().waitFor({ state: "detached", timeout: 15_000 });
      await expectAccessible(options, `options #${section}`);
      if (section === "okta") await screenshot(options, "55-options-okta", { fullPage: true });
      if (section === "persona") await screenshot(options, "57-options-persona", { fullPage: true });
    }
  });

  it("asks in a modal dialog before deleting a credential: focus starts on Cancel, Escape returns it to Delete", async () => {
    current = options;
    await options.goto(browser.extensionUrl("options.html#okta"));
    const remove = options.locator('section[data-section="credentials"] button[data-poc="delete-credential"]').first();
    await remove.focus();
    await options.keyboard.press("Enter");
    const dialog = options.locator('dialog[data-poc="confirm-dialog"]');
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.evaluate((element) => (element as HTMLDialogElement).open && element.matches(":modal"))).toBe(true);
    expect(await options.evaluate(() => document.activeElement?.getAttribute("data-poc"))).toBe("cancel");
    await expectAccessible(options, "options confirm dialog");
    await screenshot(options, "56-options-confirm-dialog");
    await options.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(() => options.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute("data-poc")}`), { timeout: 3_000 })
      .toBe("BUTTON:delete-credential");
    const credentials = await stack.api("GET", `/api/orgs/${stack.orgId}/credentials`);
    expect((credentials.body as { credentials: unknown[] }).credentials).toHaveLength(1);
  });

  it("filters the audit table by action and result over the loaded pages", async () => {
    current = options;
    await options.goto(browser.extensionUrl("options.html#audit"));
    const rows = options.locator('table[data-poc="audit"] tbody tr');
    await rows.first().waitFor({ state: "visible" });
    await options.locator("#audit-action").selectOption("credential_test");
    await expect.poll(() => rows.count()).toBe(2);
    await options.locator("#audit-result").selectOption("refused");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await textOf(rows.first())).toContain("credential_test");
    expect(await textOf(options.locator('[data-poc="audit-count"]'))).toMatch(/^1 of \d+ loaded entries match\./);
    await expectAccessible(options, "options audit filtered");
    await screenshot(options, "58-options-audit-filtered", { fullPage: true });
  });

  it("keeps the overlay's reachable states and the popup accessible for a signed-in admin", async () => {
    const page = await openOverlay(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await expectAccessible(page, "overlay ready", "persona-okta-companion");
    await page.locator('button[data-action="suspend"]').click();
    const dialog = page.locator('persona-okta-companion [role="dialog"]');
    await dialog.waitFor({ state: "visible" });
    await expectAccessible(page, "overlay confirm dialog", "persona-okta-companion");
    await dialog.locator('[data-poc="cancel"]').click();
    await page.locator('persona-okta-companion [data-poc-tab="timeline"]').click();
    await page.locator("persona-okta-companion [data-poc-item]").first().waitFor({ state: "visible", timeout: 20_000 });
    await expectAccessible(page, "overlay timeline", "persona-okta-companion");
    await page.close();

    await expectPopupAccessible("popup signed in", '[data-poc="signed-in-as"]');
  });

  it("keeps the overlay accessible once signed out", async () => {
    current = options;
    await options.goto(browser.extensionUrl("options.html"));
    await options.locator('[data-poc="sign-out"]').click();
    await options.locator('[data-poc="sign-in"]').waitFor({ state: "visible" });
    const page = await openOverlay(ADA);
    await waitForOverlayState(page, "signed-out");
    await expectAccessible(page, "overlay signed-out", "persona-okta-companion");
    await page.close();
  });
});
