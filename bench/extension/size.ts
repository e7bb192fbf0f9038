import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { CONTENT_SCRIPT_BUDGET_GZIP_BYTES } from "../../test/extension/support/content-script-budget";
import { REPO_ROOT } from "../../worker/scripts/setup";

/** The content script's budget, said once (its reasons are written beside it). */
export const CONTENT_SCRIPT_GOAL_GZIP_BYTES = CONTENT_SCRIPT_BUDGET_GZIP_BYTES;

const RELEASE_DIR = resolve(REPO_ROOT, "extension/.output/chrome-mv3");

export type FileSize = { file: string; rawBytes: number; gzipBytes: number };
/** The panel's CSS is inlined in the script (see the content script's entrypoint), so the script is everything. */
export type ContentScriptSize = { script: FileSize; gzipLevel: 9; goalGzipBytes: number; meetsGoal: boolean };

/** Builds the release extension (`wxt build extension`, what `npm run ext:build` ships) and sizes its content script. */
export async function measureContentScript(): Promise<ContentScriptSize> {
  await promisify(execFile)(process.execPath, [resolve(REPO_ROOT, "node_modules/wxt/bin/wxt.mjs"), "build", "extension"], {
    cwd: REPO_ROOT,
    env: { ...process.env, POC_DEV_HOSTS: "", NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
  });
  const size = (relative: string): FileSize => {
    const bytes = readFileSync(resolve(RELEASE_DIR, relative));
    return { file: `extension/.output/chrome-mv3/${relative}`, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  };
  const script = size("content-scripts/okta-user.js");
  if (existsSync(resolve(RELEASE_DIR, "content-scripts/okta-user.css"))) throw new Error("the content script's CSS is a separate file again: size it too");
  return { script, gzipLevel: 9, goalGzipBytes: CONTENT_SCRIPT_GOAL_GZIP_BYTES, meetsGoal: script.gzipBytes <= CONTENT_SCRIPT_GOAL_GZIP_BYTES };
}
