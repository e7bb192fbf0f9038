/**
 * `wxt build extension` as the browser tests, the bench and the demo run it, for Chromium or Firefox:
 *
 * - the dev build (`POC_DEV_HOSTS=1`, extension/.output/dev/<target>): it grants the loopback worker at install,
 *   since no test can click a permission prompt;
 * - the release build (extension/.output/<target>), as `npm run ext:build` ships it: without `POC_DEV_HOSTS`, and
 *   without Vitest's `NODE_ENV=test`, under which Vite builds differently.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../../worker/scripts/setup";

const OUTPUT_DIRS = { chrome: "chrome-mv3", firefox: "firefox-mv2" } as const;

/** Where the build for `browser` goes: extension/.output/dev/<target> for the dev build, extension/.output/<target> otherwise. */
export function extensionOutputDir(browser: keyof typeof OUTPUT_DIRS, build: "dev" | "release"): string {
  return resolve(REPO_ROOT, "extension/.output", build === "dev" ? "dev" : "", OUTPUT_DIRS[browser]);
}

/** Builds the extension for `browser` (`-b firefox` for Firefox) and returns its output folder. */
export async function buildExtensionFor(browser: keyof typeof OUTPUT_DIRS, build: "dev" | "release"): Promise<string> {
  const { NODE_ENV: _vitestMode, ...withoutMode } = process.env;
  const env = build === "dev" ? { ...process.env, POC_DEV_HOSTS: "1", NO_COLOR: "1" } : { ...withoutMode, POC_DEV_HOSTS: "", NO_COLOR: "1" };
  const args = ["build", "extension", ...(browser === "firefox" ? ["-b", "firefox"] : [])];
  const command = `${build === "dev" ? "POC_DEV_HOSTS=1 " : ""}wxt ${args.join(" ")}`;
  try {
    await promisify(execFile)(process.execPath, [resolve(REPO_ROOT, "node_modules/wxt/bin/wxt.mjs"), ...args], {
      cwd: REPO_ROOT,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`the extension did not build (${command}):\n${stdout}\n${stderr}`);
  }
  const dir = extensionOutputDir(browser, build);
  if (!existsSync(join(dir, "manifest.json"))) throw new Error(`the build wrote no ${join(dir, "manifest.json")}`);
  return dir;
}
