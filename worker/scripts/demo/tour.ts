/**
 * The scripted tour of `npm run demo` without a display: what an admin sees and does in the Okta admin console with
 * the companion, one screenshot per step. Ada's open Persona case beside her Okta user; her suspension, confirmed;
 * Alan's unlock after a Persona verification (started in the panel, approved at the fake Persona as the person and
 * Persona's decisioning would); Ada's timeline; her evidence pack exported. Each step checks what it shows, so a
 * tour that ends has shown every step; the e2e test (test/extension/e2e/demo-tour.test.ts) runs the same function.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { FakeAdminConsole } from "../../../test/extension/support/fake-admin-console";
import { readyOverlayWithStatus, runAction, textOf, waitForOverlayState, waitForVerificationPanel } from "../../../test/extension/support/flows";
import { until } from "../../../test/extension/support/poll";
import { DEMO_PERSONA, DEMO_USERS } from "../dev/demo-data";
import type { DemoHandles } from "./prepare";
import { UNUSUAL_SIGN_IN } from "./story";

export interface TourStep {
  /** The screenshot's file name without `.png`: `01-case-beside-the-user`, … */
  name: string;
  /** What the step shows, in a sentence. */
  shows: string;
  path: string;
}

export interface TourInput extends DemoHandles {
  adminConsole: FakeAdminConsole;
  /** Where the screenshots (and the exported evidence) go; created when missing. */
  outDir: string;
  /** Told about every step as it is done. */
  onStep?: (step: TourStep) => void;
}

const [ADA, , ALAN] = DEMO_USERS.map((user) => user.id) as [string, string, string];
const inOverlay = (page: Page, selector: string) => page.locator(`persona-okta-companion ${selector}`);

/** Polls the text of `selector` in the overlay until `ok` says yes; throws with what it last read. */
function untilText(page: Page, selector: string, ok: (text: string) => boolean, what: string): Promise<string> {
  return until(() => textOf(inOverlay(page, selector)), ok, `the tour, waiting for ${what} in the panel`, 20_000);
}

async function openUser(browser: DemoHandles["browser"], adminConsole: FakeAdminConsole, userId: string, status: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(adminConsole.userUrl(userId), { waitUntil: "domcontentloaded" });
  await readyOverlayWithStatus(page, status);
  return page;
}

/** Walks the tour; returns its steps in order, each with its screenshot. */
export async function runTour(input: TourInput): Promise<TourStep[]> {
  const { stack, browser, adminConsole, outDir } = input;
  mkdirSync(outDir, { recursive: true });
  // The folder holds this run's tour: the earlier run's screenshots and evidence go (a README stays).
  for (const name of readdirSync(outDir)) if (name.endsWith(".png") || name.startsWith("evidence-")) rmSync(join(outDir, name), { force: true });
  const steps: TourStep[] = [];
  const shoot = async (page: Page, name: string, shows: string) => {
    const path = join(outDir, `${String(steps.length + 1).padStart(2, "0")}-${name}.png`);
    await page.screenshot({ path, fullPage: true, animations: "disabled" });
    const step = { name: `${String(steps.length + 1).padStart(2, "0")}-${name}`, shows, path };
    steps.push(step);
    input.onStep?.(step);
  };

  // Ada: her open KYC case beside her Okta user.
  const ada = await openUser(browser, adminConsole, ADA, "ACTIVE");
  await untilText(ada, '[data-poc="case-badge"]', (text) => text === "Open", "Ada's open case");
  await shoot(ada, "case-beside-the-user", "Ada Lovelace's Okta user with her open Persona KYC case, her status, groups and the actions");

  // She reported suspicious activity: suspend her, after the confirmation that names her.
  await inOverlay(ada, 'button[data-action="suspend"]').click();
  const dialog = inOverlay(ada, '[role="dialog"]');
  await dialog.waitFor({ state: "visible" });
  await shoot(ada, "confirm-suspend", "The confirmation names the user and says what a suspension does");
  await dialog.locator('[data-poc="confirm"]').click();
  await untilText(ada, '[data-poc="okta-status"]', (text) => text === "SUSPENDED", "Ada suspended");
  const okta = await stack.oktaControl("GET", `/orgs/${stack.orgId}/users/${ADA}`);
  if ((okta.body as { status?: string }).status !== "SUSPENDED") throw new Error(`the fake Okta says Ada is ${JSON.stringify(okta.body)}`);
  await inOverlay(ada, '[data-poc="offer-clear-sessions"]').waitFor({ state: "visible" });
  await shoot(ada, "suspended", "Suspended at Okta and audited; the panel offers to end her sessions too");

  // Alan is locked out and calls the help desk: unlock waits for a verified identity.
  const alan = await openUser(browser, adminConsole, ALAN, "LOCKED_OUT");
  await waitForVerificationPanel(alan, "not-started");
  await inOverlay(alan, '[data-poc="verify-start"]').click();
  await waitForVerificationPanel(alan, "link-issued");
  await inOverlay(alan, 'svg[data-poc="link-qr"]').waitFor({ state: "visible" });
  await shoot(alan, "verification-link", "Unlock waits for a Persona verification: a one-time link and its QR code for Alan");

  // Alan opens the link; his ID shows his name; Persona approves and sends the signed inquiry.approved webhook.
  const listed = await stack.api("GET", `/api/orgs/${stack.orgId}/okta/users/${ALAN}/verifications`);
  const inquiryId = (listed.body as { verifications?: Array<{ inquiryId: string }> }).verifications?.[0]?.inquiryId;
  if (!inquiryId) throw new Error(`no verification of Alan: ${JSON.stringify(listed.body)}`);
  const inquiry = `/envs/${DEMO_PERSONA.envId}/inquiries/${inquiryId}`;
  const alanUser = DEMO_USERS[2]!;
  const fields = await stack.personaControl("POST", `${inquiry}/verified-fields`, { "name-first": alanUser.first, "name-last": alanUser.last });
  if (fields.status !== 200) throw new Error(`the fake Persona refused the verified fields: ${JSON.stringify(fields.body)}`);
  const approved = await stack.personaControl("POST", `${inquiry}/transition`, {
    status: "approved",
    webhook: { url: stack.urls.orgPersonaWebhook, secret: DEMO_PERSONA.webhookSecret },
  });
  const delivered = (approved.body as { delivery?: { status?: number } | null }).delivery?.status;
  if (approved.status !== 200 || delivered !== 200) throw new Error(`approving Alan's inquiry: ${approved.status} ${JSON.stringify(approved.body)}`);
  await waitForVerificationPanel(alan, "verified");
  await shoot(alan, "verified", "Persona verified Alan: each verified field compared with his Okta profile, and the time left");

  await runAction(alan, "unlock");
  await untilText(alan, '[data-poc="okta-status"]', (text) => text === "ACTIVE", "Alan unlocked");
  await waitForVerificationPanel(alan, "used");
  await shoot(alan, "unlocked-with-verification", "Alan unlocked with the verification, which is now used (and named in the audit)");
  await alan.close();

  // Back to Ada: her timeline, from Okta's System Log, Persona and the audit, the unusual sign-in marked.
  await ada.reload({ waitUntil: "domcontentloaded" });
  await waitForOverlayState(ada, "ready");
  await inOverlay(ada, '[data-poc-tab="timeline"]').click();
  const unusual = inOverlay(ada, `[data-poc-item="okta:${UNUSUAL_SIGN_IN}"]`);
  await unusual.waitFor({ state: "visible" });
  const marks = (await unusual.locator("[data-mark]").allTextContents()).map((mark) => mark.trim());
  if (!marks.includes("New country")) throw new Error(`the Bucharest sign-in is marked ${JSON.stringify(marks)}, not "New country"`);
  await shoot(ada, "timeline", "Ada's timeline: the sign-in from a new country, device and IP, her report, the suspension");

  // The evidence pack, as a download.
  const [download] = await Promise.all([ada.waitForEvent("download", { timeout: 20_000 }), inOverlay(ada, '[data-poc="export-json"]').click()]);
  const evidence = join(outDir, download.suggestedFilename());
  await download.saveAs(evidence);
  await untilText(ada, '[data-poc="export-status"]', (text) => text.startsWith("Saved"), "the export's status");
  await shoot(ada, "evidence-exported", `The evidence pack exported as JSON (saved as ${evidence})`);
  await ada.close();
  return steps;
}
