/**
 * The error catalog (shared/errors.ts) is closed and has no dead entries: every code in it is raised (named as a
 * string literal) somewhere in worker/src, so a client branching on a code branches on something that can happen.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_STATUS, ErrorCodeSchema } from "../../shared/errors";

const REPO = resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"));
}

describe("error catalog", () => {
  const worker = sources(join(REPO, "worker/src")).join("\n");
  const named = (code: string) => new RegExp(`["'\`]${code}["'\`]`).test(worker);

  it("every code is raised somewhere in worker/src", () => {
    const dead = Object.keys(ERROR_STATUS).filter((code) => !named(code));
    expect(dead).toEqual([]);
  });

  it("the schema is the catalog, closed: an unknown code does not parse", () => {
    expect(ErrorCodeSchema.options.toSorted()).toEqual(Object.keys(ERROR_STATUS).toSorted());
    expect(ErrorCodeSchema.safeParse("idp_initiated_disabled").success).toBe(false);
  });

  it("every status is an HTTP error status", () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
