/**
 * `wxt build extension` as the browser tests, the bench and the demo run it, for Chromium or Firefox:
 *
 * - the dev build (`POC_DEV_HOSTS=1`, extension/.output/dev/<target>): it grants the loopback worker at install,
 *   since no test can click a permission prompt;
 * - the release build (extension/.output/<target>), as `npm run ext:build` ships it: without `POC_DEV_HOSTS`, and
 *   without Vitest's `NODE_ENV=test`, under which Vite builds differently.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../../worker/scripts/setup";

const OUTPUT_DIRS = { chrome: "chrome-mv3", firefox: "firefox-mv2" } as const;

/** Where the build for `browser` goes: extension/.output/dev/<target> for the dev build, extension/.output/<target> otherwise. */
export function extensionOutputDir(browser: keyof typeof OUTPUT_DIRS, build: "dev" | "release"): string {
  return resolve(REPO_ROOT, "extension/.output", build === "dev" ? "dev" : "", OUTPUT_DIRS[browser]);
}

/** What a build is made from: the extension's and shared/'s sources and the locked dependencies. */
const BUILD_INPUTS = ["extension", "shared", "package-lock.json"];
const NOT_INPUTS = new Set([".output", ".wxt", "node_modules"]);
const STAMP = ".build-inputs";

function inputFiles(path: string): string[] {
  const full = resolve(REPO_ROOT, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !NOT_INPUTS.has(entry.name))
    .flatMap((entry) => inputFiles(relative(REPO_ROOT, join(full, entry.name))));
}

/** A digest of every input and the build's kind: equal digests make the same build. */
function inputsDigest(browser: string, build: string): string {
  const hash = createHash("sha256").update(`${browser}\0${build}\0`);
  for (const file of BUILD_INPUTS.flatMap(inputFiles).sort())
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(resolve(REPO_ROOT, file)))
      .update("\0");
  return hash.digest("hex");
}

/**
 * Builds the extension for `browser` (`-b firefox` for Firefox) and returns its output folder. A folder whose
 * stamp records the digest of the same inputs is reused: each browser test file asks for the build, and rebuilding
 * an unchanged tree cost every file 15 to 20 seconds.
 */
export async function buildExtensionFor(browser: keyof typeof OUTPUT_DIRS, build: "dev" | "release"): Promise<string> {
  const digest = inputsDigest(browser, build);
  const dir = extensionOutputDir(browser, build);
  const stamp = join(dir, STAMP);
  if (existsSync(join(dir, "manifest.json")) && existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return dir;
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
  if (!existsSync(join(dir, "manifest.json"))) throw new Error(`the build wrote no ${join(dir, "manifest.json")}`);
  writeFileSync(stamp, digest);
  return dir;
}
