/**
 * The layer rule (biome.json, `style/noRestrictedImports` per folder) is what keeps imports pointing down:
 * routes/ → feature modules (saml/, okta/, persona/, actions/) → storage/ → crypto/, net/, xml/, and shared/ beneath
 * everything. Each case lints one probe file, placed where the rule applies, in a scratch copy of the config.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../..");
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "poc-layers-"));
  copyFileSync(join(REPO, "biome.json"), join(scratch, "biome.json"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Diagnostic = { category: string; message: string };

/** The layer diagnostics Biome reports for a file at `path` that imports `specifier`. */
function layerErrors(path: string, specifier: string): string[] {
  const file = join(scratch, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `import { probe } from "${specifier}";\n\nexport const used = probe;\n`);
  let output: string;
  try {
    output = execFileSync(join(REPO, "node_modules/.bin/biome"), ["lint", "--vcs-enabled=false", "--reporter=json", path], {
      cwd: scratch,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? "");
  } finally {
    rmSync(file);
  }
  const report = JSON.parse(output) as { diagnostics: Diagnostic[] };
  return report.diagnostics.filter((d) => d.category === "lint/style/noRestrictedImports").map((d) => d.message);
}

describe("layers: imports that point up or across are refused", () => {
  it.each([
    ["worker/src/okta/probe.ts", "../persona/context", "okta/ and persona/ never import each other"],
    ["worker/src/persona/probe.ts", "../okta/call-okta", "okta/ and persona/ never import each other"],
    ["worker/src/okta/probe.ts", "../routes/load-org", "only routes/ and the entry"],
    ["worker/src/saml/probe.ts", "../auth/require-role", "request plumbing"],
    ["worker/src/persona/probe.ts", "../http/context", "request plumbing"],
    ["worker/src/actions/probe.ts", "hono", "nothing takes a Hono context"],
    ["worker/src/storage/probe.ts", "../okta/open-connection", "do not import feature modules"],
    ["worker/src/storage/org-store/probe.ts", "../../auth/actor", "request plumbing"],
    ["worker/src/crypto/probe.ts", "../storage/org-config", "sit below storage/"],
    ["worker/src/xml/probe.ts", "../saml/namespaces", "do not import feature modules"],
    ["shared/probe.ts", "../worker/src/env", "shared/ sits beneath everything"],
    ["shared/probe.ts", "hono/jsx", "nothing takes a Hono context"],
  ])("%s may not import %s", (path, specifier, reason) => {
    expect(layerErrors(path, specifier)).toEqual([expect.stringContaining(reason)]);
  });
});

describe("layers: imports that point down are allowed", () => {
  it.each([
    ["worker/src/routes/probe.ts", "../okta/call-okta"],
    ["worker/src/routes/probe.ts", "hono"],
    ["worker/src/actions/probe.ts", "../persona/context"],
    ["worker/src/actions/probe.ts", "../okta/open-connection"],
    ["worker/src/okta/probe.ts", "../storage/org-store-client"],
    ["worker/src/okta/probe.ts", "../../../shared/persona"],
    ["worker/src/storage/probe.ts", "../crypto/secret-box"],
    ["worker/src/xml/probe.ts", "../../../shared/untrusted-text"],
    ["shared/probe.ts", "./errors"],
  ])("%s may import %s", (path, specifier) => {
    expect(layerErrors(path, specifier)).toEqual([]);
  });
});
