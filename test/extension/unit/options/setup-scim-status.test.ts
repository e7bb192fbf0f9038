/** Setup checklist: the SCIM step's state, and expiry warnings on the SSO step. */
import { describe, expect, it } from "vitest";
import { scimStatus } from "../../../../extension/options/setup-scim-status";
import { ssoStatus } from "../../../../extension/options/setup-status";
import { ssoConfigured } from "./fixtures";

const token = (lastUsedAt: string | null) => ({ id: "scim_1", createdAt: "2030-06-01T00:00:00.000Z", lastUsedAt });

describe("Setup: SCIM step", () => {
  it("is not started without a token", () => {
    expect(scimStatus([]).state).toBe("not-started");
  });
  it("needs attention when tokens exist but Okta used none", () => {
    const status = scimStatus([token(null), token(null)]);
    expect(status.state).toBe("attention");
    expect(status.fix).toContain("Test Connector Configuration");
  });
  it("is done once a token was used", () => {
    const status = scimStatus([token(null), token("2030-06-02T00:00:00.000Z")]);
    expect(status.state).toBe("done");
    expect(status.summary).toContain("2 live SCIM tokens");
  });
});

describe("Setup: SSO step and expiry warnings", () => {
  const warning = (daysLeft: number, severity: "warning" | "critical") => ({ kind: "idp_certificate" as const, subject: "AB:CD", daysLeft, severity });

  it("needs attention for a certificate within 30 days, the most urgent first, with the fix", () => {
    const status = ssoStatus({ ...ssoConfigured(), warnings: [warning(20, "warning"), warning(3, "critical")] }, []);
    expect(status.state).toBe("attention");
    expect(status.problem).toBe("Okta's SAML signing certificate AB:CD expires in 3 days. (1 more expiry warning in Okta › SSO)");
    expect(status.fix).toContain("new SAML signing certificate");
  });
  it("says an expired key is expired", () => {
    const status = ssoStatus({ ...ssoConfigured(), warnings: [{ kind: "sp_key", subject: "sp-signing", daysLeft: -2, severity: "critical" }] }, []);
    expect(status.problem).toBe("this worker's SAML key sp-signing expired 2 days ago.");
  });
  it("is done without warnings", () => {
    expect(ssoStatus({ ...ssoConfigured(), warnings: [] }, []).state).toBe("done");
  });
});
