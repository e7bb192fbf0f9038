/**
 * What a browser test file (Chromium's e2e-run.ts, Firefox's firefox-run.ts) leaves for a failing step: a
 * screenshot of the page the step works in, `fail-<series>-<step>.png`, and the last lines the browser logged.
 */
import { beforeEach } from "vitest";
import { resetScreenshots } from "./browser";

/** A test file's screenshots: `name` for its failures' (`fail-<name>-…`), `screenshots` matching the others. */
export interface ScreenshotSeries {
  name: string;
  screenshots: RegExp;
}

/**
 * Registers the hook that reports a failed step of the file: `currentPage()` screenshotted with `screenshot`, then
 * `[<label>] "<step>" failed` with the last 40 lines given to `log` (which keeps 300).
 */
export function reportFailures<P extends { isClosed(): boolean }>(input: {
  label: string;
  series: ScreenshotSeries;
  currentPage: () => P | undefined;
  screenshot: (page: P, name: string) => Promise<string>;
}): { log(line: string): void; resetScreenshots(): void } {
  const logs: string[] = [];
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const name = `fail-${input.series.name}-${task.name
        .replace(/[^a-z0-9]+/gi, "-")
        .toLowerCase()
        .slice(0, 60)}`;
      const current = input.currentPage();
      const path = current && !current.isClosed() ? await input.screenshot(current, name).catch(() => "(no screenshot)") : "(no page)";
      console.error(`[${input.label}] "${task.name}" failed; screenshot: ${path}\n--- browser console (last lines) ---\n${logs.slice(-40).join("\n")}`);
    });
  });
  return {
    log: (line) => {
      logs.push(line);
      if (logs.length > 300) logs.shift();
    },
    /** Removes the file's earlier screenshots (its failures' too), and no other file's. */
    resetScreenshots: () => resetScreenshots(new RegExp(`${input.series.screenshots.source}|^fail-${input.series.name}-`)),
  };
}
