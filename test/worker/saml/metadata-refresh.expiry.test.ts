/** Days to expiry and the 30- and 7-day warnings (worker/src/saml/metadata-refresh-expiry.ts, org/metadata-refresh-status.ts). */
import { describe, expect, it } from "vitest";
import type { KeyExpiry, SsoCertificateSummary } from "../../../shared/sso";
import { expiryWarnings } from "../../../worker/src/org/metadata-refresh-status";
import { daysLeft, expirySeverity } from "../../../worker/src/saml/metadata-refresh-expiry";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

const certificate = (days: number, source: "metadata" | "grace" = "metadata"): SsoCertificateSummary => ({
  fingerprintSha256: `${"AB:".repeat(31)}${String(days).padStart(2, "0").slice(-2)}`,
  fingerprint: `${"AB:".repeat(31)}${String(days).padStart(2, "0").slice(-2)}`,
  notBefore: at(NOW - 365 * DAY),
  notAfter: at(NOW + days * DAY + 3_600_000),
  subject: "CN=acme",
  expired: false,
  daysLeft: days,
  source,
});

describe("daysLeft", () => {
  it("counts whole days, rounded down: 0 on the last day, negative once passed", () => {
    expect(daysLeft(at(NOW + 30 * DAY), NOW)).toBe(30);
    expect(daysLeft(at(NOW + 30 * DAY - 1), NOW)).toBe(29);
    expect(daysLeft(at(NOW + 1), NOW)).toBe(0);
    expect(daysLeft(at(NOW - 1), NOW)).toBe(-1);
  });
});

describe("expirySeverity at the 30- and 7-day edges", () => {
  it.each([
    [31, null],
    [30, "warning"],
    [8, "warning"],
    [7, "critical"],
    [0, "critical"],
    [-3, "critical"],
  ] as const)("%i days left → %s", (days, severity) => {
    expect(expirySeverity(days)).toBe(severity);
  });
});

describe("expiryWarnings", () => {
  it("warns of metadata certificates within 30 days, soonest first, and not of one in grace", () => {
    const warnings = expiryWarnings([certificate(31), certificate(8), certificate(30), certificate(7), certificate(2, "grace")], []);
    expect(warnings.map((warning) => [warning.daysLeft, warning.severity])).toEqual([
      [7, "critical"],
      [8, "warning"],
      [30, "warning"],
    ]);
    expect(warnings.every((warning) => warning.kind === "idp_certificate")).toBe(true);
  });

  it("a key without an expiry (an Okta signing key) never warns; a dated SP key does", () => {
    const keys: KeyExpiry[] = [
      { kind: "okta_signing_key", subject: "cred_1/kid1", notAfter: null, daysLeft: null },
      { kind: "sp_key", subject: "sp-signing", notAfter: at(NOW + 5 * DAY), daysLeft: 5 },
    ];
    expect(expiryWarnings([], keys)).toEqual([{ kind: "sp_key", subject: "sp-signing", daysLeft: 5, severity: "critical" }]);
  });
});
