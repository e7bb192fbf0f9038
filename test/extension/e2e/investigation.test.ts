/**
 * The investigation end to end, in Debian's Chromium (docs/timeline.md): the built extension against the real
 * worker under `wrangler dev` with the fakes of `npm run dev`. The fake Okta's System Log is seeded for Ada: two
 * sign-ins from France, then one from Romania on another device and IP, an admin's reset of all her factors, and her
 * own report of suspicious activity. An admin opens her page: the Timeline tab shows the marks in words, filters to
 * Okta, ends all her sessions (confirmed; the fake Okta sees the revocation with her OAuth tokens), suspends her and
 * ends her sessions again from the suspension's announcement, and exports the evidence as JSON and CSV downloads.
 * Screenshots: 40-45.
 *
 * The steps share one browser and one stack and run in order: later steps rely on the sign-in and the seed of the
 * first one.
 */
import { readFileSync } from "node:fs";
import type { Download, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_OKTA } from "../../../worker/scripts/dev/demo-data";
import { screenshot } from "../support/browser";
import { ADA, adminConsole, browser, setUpE2eRun, stack } from "../support/e2e-run";
import { readyOverlayWithStatus, setUpAndSignIn, textOf } from "../support/flows";
import { eventsAbout, FACTORS_RESET, FROM_BUCHAREST, FROM_PARIS, logUser, SIGN_IN, SUSPICIOUS_ACTIVITY_REPORT } from "../support/system-log";

let current: Page | undefined;
let page: Page;

setUpE2eRun(() => current, { name: "investigation", screenshots: /^4\d[a-z]?-/ });

const ada = logUser(ADA, "ada@acme.test", "Ada Lovelace");
const event = eventsAbout(ada, Date.now());

/** Ada's System Log as the fake Okta is seeded with it (the uuids name the items in the overlay: `okta:<uuid>`). */
const SEED = [
  event("e2e-signin-fr-1", SIGN_IN, 5 * 24 * 60, FROM_PARIS),
  event("e2e-signin-fr-2", SIGN_IN, 3 * 24 * 60, FROM_PARIS),
  event("e2e-signin-ro", SIGN_IN, 120, FROM_BUCHAREST),
  event("e2e-factor-reset", FACTORS_RESET, 90, { actor: logUser("00uhelpdesk000000001", "helpdesk@acme.test", "Help Desk") }),
  event("e2e-suspicious", SUSPICIOUS_ACTIVITY_REPORT, 30, FROM_PARIS),
];

const inOverlay = (selector: string) => page.locator(`persona-okta-companion ${selector}`);
const item = (uuid: string) => inOverlay(`[data-poc-item="okta:${uuid}"]`);
const marksOf = async (uuid: string) => (await item(uuid).locator("[data-mark]").allTextContents()).map((text) => text.trim());

/** Every `DELETE …/sessions` the fake Okta answered for Ada, as its query parameters. */
async function sessionRevocations(): Promise<Array<Record<string, string>>> {
  const answer = await stack.oktaControl("GET", `/orgs/${stack.orgId}/api-requests`);
  expect(answer.status).toBe(200);
  const requests = answer.body as Array<{ method: string; path: string; query: string; status: number }>;
  return requests
    .filter((request) => request.method === "DELETE" && request.path.endsWith(`/users/${ADA}/sessions`) && request.status === 204)
    .map((request) => Object.fromEntries(new URLSearchParams(request.query)));
}

/** Clicks an export button and waits for the browser's download of the file. */
async function exportAs(format: "json" | "csv"): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20_000 }), inOverlay(`[data-poc="export-${format}"]`).click()]);
  const path = await download.path();
  return { download, text: readFileSync(path, "utf8") };
}

describe("the investigation in the overlay", () => {
  it("signs an admin in, lets the demo's Okta app read the System Log, and seeds Ada's events", async () => {
    const options = await browser.context.newPage();
    current = options;
    await options.goto(browser.extensionUrl("options.html"));
    await options.locator('input[name="workerUrl"]').waitFor({ state: "visible" });
    // Without the demo's verification policy: this file is about the investigation, not the gate.
    const noPolicy = await stack.api("DELETE", `/api/orgs/${stack.orgId}/verification`);
    expect(noPolicy.status, JSON.stringify(noPolicy.body)).toBe(204);
    const signedInAs = await setUpAndSignIn({ browser, stack, options, email: "ada@acme.test" });
    expect(await textOf(signedInAs)).toContain("admin");

    const granted = await stack.oktaControl("PATCH", `/orgs/${stack.orgId}/clients/${DEMO_OKTA.clientId}`, {
      grantedScopes: [...DEMO_OKTA.grantedScopes, "okta.logs.read"],
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const seeded = await stack.oktaControl("POST", `/orgs/${stack.orgId}/log-events`, SEED);
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(201);
    await options.close();
  });

  it("shows Ada's timeline with the marks in words, newest first, where each sign-in came from", async () => {
    page = await browser.context.newPage();
    current = page;
    await page.goto(adminConsole.userUrl(ADA), { waitUntil: "domcontentloaded" });
    await readyOverlayWithStatus(page, "ACTIVE");
    expect(await inOverlay('[data-poc-tab="overview"]').getAttribute("aria-selected")).toBe("true");
    await inOverlay('[data-poc-tab="timeline"]').click();
    await item("e2e-signin-ro").waitFor({ state: "visible" });

    expect(await marksOf("e2e-signin-ro")).toEqual(["New country", "New device", "New IP address"]);
    expect(await marksOf("e2e-signin-fr-2")).toEqual([]);
    expect(await marksOf("e2e-factor-reset")).toContain("Factors reset");
    expect(await marksOf("e2e-suspicious")).toContain("User reported suspicious activity");
    expect(await textOf(item("e2e-signin-ro").locator('[data-poc="ip"]'))).toBe("IP 86.120.4.9");
    expect(await textOf(item("e2e-signin-ro").locator('[data-poc="place"]'))).toBe("Bucharest, Romania");
    const okta = await inOverlay('[data-source="okta"]').evaluateAll((items) => items.map((element) => element.getAttribute("data-poc-item")));
    expect(okta.slice(0, 5)).toEqual(["okta:e2e-suspicious", "okta:e2e-factor-reset", "okta:e2e-signin-ro", "okta:e2e-signin-fr-2", "okta:e2e-signin-fr-1"]);
    // Persona's case and inquiries are there too, and no source failed.
    expect(await inOverlay('[data-source="persona"]').count()).toBeGreaterThan(0);
    expect(await inOverlay("[data-poc-source-error]").count()).toBe(0);
    const systemLog = new URL((await inOverlay('[data-poc="system-log-link"]').getAttribute("href")) ?? "");
    expect(systemLog.host).toBe("acme-admin.okta.com");
    expect(systemLog.searchParams.get("search")).toBe(`target.id eq "${ADA}" or actor.id eq "${ADA}"`);
    await screenshot(page, "40-investigation-timeline", { fullPage: true });
  });

  it("filters the timeline to Okta's events", async () => {
    await inOverlay('[data-poc-filter="persona"]').click();
    await inOverlay('[data-poc-filter="audit"]').click();
    await expect.poll(() => inOverlay('[data-source="persona"]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => inOverlay('[data-source="okta"]').count()).toBeGreaterThanOrEqual(5);
    expect(await inOverlay('[data-poc-filter="okta"]').isDisabled()).toBe(true);
    await screenshot(page, "41-investigation-okta-only", { fullPage: true });
  });

  it("ends all of Ada's sessions after a confirmation naming her, revoking her OAuth tokens at Okta", async () => {
    await inOverlay('[data-poc-tab="overview"]').click();
    await inOverlay('button[data-action="clear_sessions"]').click();
    const dialog = inOverlay('[role="dialog"]');
    await dialog.waitFor({ state: "visible" });
    expect(await textOf(dialog)).toContain("End all sessions: Ada Lovelace (ada@acme.test)?");
    expect(await textOf(dialog)).toContain("revokes their OAuth tokens");
    await screenshot(page, "42-investigation-confirm-end-sessions", { fullPage: true });
    expect(await sessionRevocations()).toHaveLength(0);

    await dialog.locator('[data-poc="confirm"]').click();
    await expect.poll(() => textOf(inOverlay('[data-poc="announce"]')), { timeout: 15_000 }).toContain("Ended every session of Ada Lovelace");
    expect(await sessionRevocations()).toEqual([{ oauthTokens: "true", forgetDevices: "false" }]);
    await screenshot(page, "43-investigation-sessions-ended", { fullPage: true });
  });

  it("offers to end the sessions too after a suspension, in one click", async () => {
    await inOverlay('button[data-action="suspend"]:not([disabled])').click();
    await inOverlay('[role="dialog"] [data-poc="confirm"]').click();
    await readyOverlayWithStatus(page, "SUSPENDED");
    const offer = inOverlay('[data-poc="offer-clear-sessions"]:not([disabled])');
    await offer.waitFor({ state: "visible" });
    await screenshot(page, "44-investigation-suspend-offer", { fullPage: true });
    await offer.click();
    await expect.poll(() => textOf(inOverlay('[data-poc="announce"]')), { timeout: 15_000 }).toContain("Ended every session of Ada Lovelace");
    expect(await inOverlay('[role="dialog"]').count()).toBe(0);
    expect(await sessionRevocations()).toHaveLength(2);
  });

  it("exports the evidence as JSON and CSV downloads, with the marks and this product's actions", async () => {
    await inOverlay('[data-poc-tab="timeline"]').click();
    // Read again after each action: the five seeded events, then Okta's own for the suspension and both revocations.
    await expect.poll(() => inOverlay('[data-source="okta"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(8);
    const json = await exportAs("json");
    expect(json.download.suggestedFilename()).toMatch(new RegExp(`^evidence-${stack.orgId}-${ADA}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const pack = JSON.parse(json.text) as {
      kind: string;
      userId: string;
      timeline: Array<{ id: string; marked?: string[] }>;
      audit: Array<{ action: string }>;
    };
    expect(pack).toMatchObject({ kind: "persona-okta-companion.evidence", userId: ADA });
    expect(pack.timeline.find((entry) => entry.id === "okta:e2e-signin-ro")?.marked).toEqual(expect.arrayContaining(["new_country", "new_device", "new_ip"]));
    expect(pack.audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(["clear_sessions", "suspend"]));
    await expect.poll(() => textOf(inOverlay('[data-poc="export-status"]'))).toBe(`Saved ${json.download.suggestedFilename()}`);

    const csv = await exportAs("csv");
    expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    expect(header?.split(",")).toEqual(expect.arrayContaining(["time", "source", "type", "summary", "marked", "chain_hash"]));
    expect(rows.some((row) => row.includes("user.session.start") && row.includes("new_country"))).toBe(true);
    await screenshot(page, "45-investigation-evidence-exported", { fullPage: true });
  });
});
