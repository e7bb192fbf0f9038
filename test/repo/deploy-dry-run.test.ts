/**
 * docs/deploy.md ends in `wrangler deploy`. Its dry run bundles the worker exactly as a deploy would (wrangler.toml,
 * the entry, every import, the Durable Object class the migration names) and stops before contacting Cloudflare, so
 * a change that would break a deploy fails here, offline. Wrangler's metrics, banner (an update check) and config
 * files are kept out of it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(join(tmpdir(), "poc-deploy-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("wrangler deploy --dry-run", () => {
  it("bundles the worker with its bindings and its Durable Object class, without the network", { timeout: 60_000 }, async () => {
    const outdir = join(scratch, "out");
    const { stdout } = await promisify(execFile)(join(REPO, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: REPO,
      timeout: 55_000,
      env: {
        ...process.env,
        CI: "true",
        WRANGLER_SEND_METRICS: "false",
        WRANGLER_SEND_ERROR_REPORTS: "false",
        WRANGLER_HIDE_BANNER: "true",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        XDG_CONFIG_HOME: join(scratch, "config"),
      },
    });
    expect(stdout).toContain("--dry-run: exiting now.");
    for (const binding of ["env.ORG_STORE (OrgStore)", "env.CONFIG", "env.LOGIN_RATE_LIMIT"]) expect(stdout).toContain(binding);
    const bundle = join(outdir, "index.js");
    expect(existsSync(bundle)).toBe(true);
    // The class the [[migrations]] block creates must be exported by the entry, or the deploy is refused.
    expect(readFileSync(bundle, "utf8")).toMatch(/export\s*\{[^}]*\bOrgStore\b/);
  });
});
