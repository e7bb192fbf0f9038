import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_VERSION } from "../../worker/src/version";

describe("the worker's version", () => {
  it("is package.json's", () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
    expect(WORKER_VERSION).toBe(pkg.version);
  });
});
