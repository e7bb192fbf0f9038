import { describe, expect, it } from "vitest";
import { originPermissionPattern } from "../../../../extension/lib/origin-permission";

describe("originPermissionPattern", () => {
  it.each([
    ["http://127.0.0.1:8787", "http://127.0.0.1/*"],
    ["http://localhost:8787", "http://localhost/*"],
    ["https://companion.example.com", "https://companion.example.com/*"],
    ["https://companion.example.com:8443", "https://companion.example.com/*"],
    ["http://[::1]:8787", "http://[::1]/*"],
  ])("%s is asked for as %s: no port, which Firefox refuses in a pattern", (origin, pattern) => {
    expect(originPermissionPattern(origin)).toBe(pattern);
  });
});
