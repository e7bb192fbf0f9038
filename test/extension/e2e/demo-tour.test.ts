/**
 * `npm run demo`'s tour (worker/scripts/demo/tour.ts) against this file's stack, as the demo runs it without a
 * display: the same sign-in and story (prepareDemo), then every step, each of which checks what it shows. The
 * screenshots go to test/.artifacts/demo/ rather than demo/, so a test run leaves a person's last demo alone.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareDemo } from "../../../worker/scripts/demo/prepare";
import { runTour } from "../../../worker/scripts/demo/tour";
import { REPO_ROOT } from "../../../worker/scripts/setup";
import { ADA, adminConsole, browser, setUpE2eRun, stack } from "../support/e2e-run";

const OUT_DIR = resolve(REPO_ROOT, "test/.artifacts/demo");

// Its screenshots are in a folder of their own; only a failing step's goes to test/.artifacts/screenshots/. The
// tour opens a page per user and closes it when done, so the newest open page is the one a failing step was on.
setUpE2eRun(() => browser?.context.pages().at(-1), { name: "demo", screenshots: /^fail-demo-/ });

describe("npm run demo, headless", () => {
  it("walks the tour: the case, a confirmed suspension, verified recovery, the timeline and the evidence", async () => {
    await prepareDemo({ stack, browser });
    const steps = await runTour({ stack, browser, adminConsole, outDir: OUT_DIR });
    expect(steps.map((step) => step.name)).toEqual([
      "01-case-beside-the-user",
      "02-confirm-suspend",
      "03-suspended",
      "04-verification-link",
      "05-verified",
      "06-unlocked-with-verification",
      "07-timeline",
      "08-evidence-exported",
    ]);
    for (const step of steps) expect(statSync(step.path).size, step.path).toBeGreaterThan(10_000);

    const saved = readdirSync(OUT_DIR).filter((name) => name.startsWith(`evidence-${stack.orgId}-${ADA}-`) && name.endsWith(".json"));
    expect(saved).toHaveLength(1);
    const evidence = resolve(OUT_DIR, saved[0]!);
    const pack = JSON.parse(readFileSync(evidence, "utf8")) as { userId: string; audit: Array<{ action: string }> };
    expect(pack.userId).toBe(ADA);
    expect(pack.audit.map((entry) => entry.action)).toContain("suspend");

    const audit = await stack.api("GET", `/api/orgs/${stack.orgId}/audit`);
    const actions = (audit.body as { entries: Array<{ action: string; result: string; recovery?: { kind: string } | null }> }).entries;
    expect(actions.find((entry) => entry.action === "unlock")).toMatchObject({ result: "success", recovery: { kind: "verification" } });
  });
});
