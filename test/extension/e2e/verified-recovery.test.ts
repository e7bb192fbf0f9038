/**
 * Verified recovery end to end, in Debian's Chromium (docs/verified-recovery.md): the built extension against the
 * real worker under `wrangler dev` with the fakes of `npm run dev`, the demo organization connected to the fake
 * Persona's `demo` environment (which accepts any inquiry template). An admin sets the organization's Persona
 * webhook secret and a verification policy through the worker's API (replacing those `npm run dev` seeds, so the
 * test holds the secret it signs with), then on Ada's page sees why reset factors waits, starts a verification,
 * gets its one-time link and QR code, and the fake Persona stands in for Ada and for Persona's decisioning: she
 * starts, her ID's fields are set to her Okta profile's, and the inquiry is approved, each change delivered to the
 * worker as a signed `inquiry.*` webhook. The panel follows (waiting, verified with the field comparison), factors
 * are reset with the verification, which is then used. A second verification is declined; on Alan's page an admin
 * unlocks him by override, with a reason. Screenshots: 30-37.
 *
 * The steps share one browser and one stack and run in order: later steps rely on the sign-in and policy of the
 * first one.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PERSONA } from "../../../worker/scripts/dev/demo-data";
import { screenshot } from "../support/browser";
import { ADA, ALAN, adminConsole, browser, oktaUser, setUpE2eRun, stack } from "../support/e2e-run";
import { readyOverlayWithStatus, setUpAndSignIn, textOf, verificationPanel, waitForVerificationPanel } from "../support/flows";

/** What the organization's Persona webhook is signed with (set in the first step; the worker wants 24 or more characters). */
const WEBHOOK_SECRET = "wbhsec_e2e_verified_recovery_0001";
/** Any template: the fake's demo environment lists none (`inquiryTemplateIds: null`). */
const TEMPLATE_ID = "itmpl_e2eVerifiedRecovery01";

let current: Page | undefined;

setUpE2eRun(() => current, { name: "verified-recovery", screenshots: /^3\d[a-z]?-/ });

async function openUserPage(userId: string): Promise<Page> {
  const page = await browser.context.newPage();
  current = page;
  await page.goto(adminConsole.userUrl(userId), { waitUntil: "domcontentloaded" });
  return page;
}

type VerificationRow = { id: string; inquiryId: string; status: string; comparison: Array<{ field: string; result: string }> };

/** The user's newest verification, as the worker lists it (read with the bootstrap credential). */
async function newestVerification(userId: string): Promise<VerificationRow> {
  const answer = await stack.api("GET", `/api/orgs/${stack.orgId}/okta/users/${userId}/verifications`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const newest = (answer.body as { verifications: VerificationRow[] }).verifications[0];
  if (!newest) throw new Error(`no verification of ${userId}`);
  return newest;
}

/** Moves the inquiry on at the fake Persona, which signs the matching `inquiry.*` event and delivers it to the worker. */
async function transition(inquiryId: string, status: string): Promise<void> {
  const answer = await stack.personaControl("POST", `/envs/${DEMO_PERSONA.envId}/inquiries/${inquiryId}/transition`, {
    status,
    webhook: { url: stack.urls.orgPersonaWebhook, secret: WEBHOOK_SECRET },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect((answer.body as { delivery: { status: number } | null }).delivery?.status, JSON.stringify(answer.body)).toBe(200);
}

/** The audit entry of the user's latest `action`. */
async function lastAudit(userId: string, action: string) {
  const answer = await stack.api("GET", `/api/orgs/${stack.orgId}/audit?userId=${userId}`);
  expect(answer.status).toBe(200);
  const entries = (answer.body as { entries: Array<{ action: string; result: string; recovery: unknown }> }).entries;
  return entries.find((entry) => entry.action === action);
}

describe("verified recovery in the overlay", () => {
  it("signs an admin in, sets the organization's Persona webhook secret and a verification policy", async () => {
    const options = await browser.context.newPage();
    current = options;
    await options.goto(browser.extensionUrl("options.html"));
    await options.locator('input[name="workerUrl"]').waitFor({ state: "visible" });
    const signedInAs = await setUpAndSignIn({ browser, stack, options, email: "ada@acme.test" });
    expect(await textOf(signedInAs)).toContain("admin");

    const webhook = await stack.api("PUT", `/api/orgs/${stack.orgId}/persona/webhook`, { secrets: [WEBHOOK_SECRET] });
    expect(webhook.status, JSON.stringify(webhook.body)).toBe(200);
    const policy = await stack.api("PUT", `/api/orgs/${stack.orgId}/verification`, { templateId: TEMPLATE_ID });
    expect(policy.status, JSON.stringify(policy.body)).toBe(200);
    expect(policy.body).toMatchObject({ configured: true, templateId: TEMPLATE_ID, requiredFor: ["reset_factors", "unlock", "temporary_access_code"] });
  });

  it("shows why reset factors waits, then a one-time link with its QR code, waiting, and verified with the comparison", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await waitForVerificationPanel(page, "not-started");
    const reset = page.locator('persona-okta-companion button[data-action="reset_factors"]');
    expect(await reset.isDisabled()).toBe(true);
    expect(await textOf(page.locator('[data-poc-gate="reset_factors"]'))).toContain("needs a verified identity");
    expect(await page.locator('button[data-override="reset_factors"]').count()).toBe(1);
    // Not gated: suspend is offered as before.
    expect(await page.locator('button[data-action="suspend"]').isEnabled()).toBe(true);
    await screenshot(page, "30-verified-recovery-gated", { fullPage: true });

    await page.locator('[data-poc="verify-start"]').click();
    await waitForVerificationPanel(page, "link-issued");
    const link = await textOf(page.locator('[data-poc="link-text"]'));
    expect(new URL(link).protocol).toBe("https:");
    await page.locator('svg[data-poc="link-qr"]').waitFor({ state: "visible" });
    expect(await page.locator('svg[data-poc="link-qr"] path').getAttribute("d")).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
    await screenshot(page, "31-verified-recovery-link-issued", { fullPage: true });

    const started = await newestVerification(ADA);
    expect(started.status).toBe("pending");
    await transition(started.inquiryId, "pending");
    await waitForVerificationPanel(page, "waiting");
    expect(await page.locator('[data-poc="link-text"]').count()).toBe(0);
    expect(await reset.isDisabled()).toBe(true);
    expect(await textOf(page.locator('[data-poc-gate="reset_factors"]'))).toContain("waits for the person");
    await screenshot(page, "32-verified-recovery-waiting", { fullPage: true });

    // What Ada's ID says, as on her Okta profile; then Persona's decision.
    const fields = await stack.personaControl("POST", `/envs/${DEMO_PERSONA.envId}/inquiries/${started.inquiryId}/verified-fields`, {
      "name-first": "Ada",
      "name-last": "Lovelace",
    });
    expect(fields.status, JSON.stringify(fields.body)).toBe(200);
    await transition(started.inquiryId, "approved");
    await waitForVerificationPanel(page, "verified");
    const rows = await page.locator('[data-poc="verify-comparison"] tbody tr').allTextContents();
    expect(rows).toEqual(expect.arrayContaining([expect.stringMatching(/name-first\s*match/), expect.stringMatching(/name-last\s*match/)]));
    expect(await textOf(page.locator('[data-poc="verify-time-left"]'))).toMatch(/^\d+ min$/);
    expect(await reset.isEnabled()).toBe(true);
    await screenshot(page, "33-verified-recovery-verified", { fullPage: true });
    await page.close();
  });

  it("resets Ada's factors with the verification, which is then used", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await waitForVerificationPanel(page, "verified");
    const verificationId = (await newestVerification(ADA)).id;

    await page.locator('persona-okta-companion button[data-action="reset_factors"]').click();
    const dialog = page.locator('persona-okta-companion [role="dialog"]');
    await dialog.waitFor({ state: "visible" });
    await dialog.locator('[data-poc="confirm"]').click();
    await expect.poll(() => textOf(page.locator('[data-poc="announce"]')), { timeout: 15_000 }).toContain("Reset all factors of Ada Lovelace");
    await waitForVerificationPanel(page, "used");
    expect(await textOf(verificationPanel(page))).toContain("Reset all factors by");
    // Okta offers no reset now that Ada has no factor; the access code, also gated, waits for a new verification.
    expect(await page.locator('persona-okta-companion button[data-action="temporary_access_code"]').isDisabled()).toBe(true);
    await screenshot(page, "34-verified-recovery-used", { fullPage: true });

    expect(((await oktaUser(ADA)) as { factorsEnrolled?: number }).factorsEnrolled).toBe(0);
    expect(await newestVerification(ADA)).toMatchObject({ id: verificationId, status: "used" });
    expect(await lastAudit(ADA, "reset_factors")).toMatchObject({ result: "success", recovery: { kind: "verification", verificationId } });
    await page.close();
  });

  it("shows a second verification declined by Persona, the actions still waiting", async () => {
    const page = await openUserPage(ADA);
    await readyOverlayWithStatus(page, "ACTIVE");
    await waitForVerificationPanel(page, "used");
    await page.locator('[data-poc="verify-start"]').click();
    await waitForVerificationPanel(page, "link-issued");
    const second = await newestVerification(ADA);
    await transition(second.inquiryId, "declined");
    await waitForVerificationPanel(page, "declined");
    expect(await textOf(verificationPanel(page))).toContain("Persona declined it");
    expect(await page.locator('persona-okta-companion button[data-action="temporary_access_code"]').isDisabled()).toBe(true);
    await screenshot(page, "35-verified-recovery-declined", { fullPage: true });
    await page.close();
  });

  it("lets an admin unlock Alan by override, with a reason that goes to the audit", async () => {
    const page = await openUserPage(ALAN);
    await readyOverlayWithStatus(page, "LOCKED_OUT");
    await waitForVerificationPanel(page, "not-started");
    await page.locator('button[data-override="unlock"]').click();
    const dialog = page.locator('persona-okta-companion [data-poc="override-dialog"]');
    await dialog.waitFor({ state: "visible" });
    const reason = dialog.locator('[data-poc="override-reason"]');
    expect(await reason.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const confirm = dialog.locator('[data-poc="confirm"]');
    await reason.fill("too short");
    expect(await confirm.isDisabled()).toBe(true);
    const why = "Alan is at the help desk in person, badge checked";
    await reason.fill(why);
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(page, "36-verified-recovery-override-dialog", { fullPage: true });

    await confirm.click();
    await expect.poll(() => textOf(page.locator('[data-poc="okta-status"]')), { timeout: 15_000 }).toBe("ACTIVE");
    expect(await textOf(page.locator('[data-poc="announce"]'))).toContain("Recorded as an override");
    expect((await oktaUser(ALAN)).status).toBe("ACTIVE");
    expect(await lastAudit(ALAN, "unlock")).toMatchObject({ result: "success", recovery: { kind: "override", reason: why } });
    await screenshot(page, "37-verified-recovery-after-override", { fullPage: true });
    await page.close();
  });
});
