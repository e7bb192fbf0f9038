import { describe, expect, it } from "vitest";
import { AppError } from "../../../shared/errors";
import { type OrgLocation, resolveOrgUrl } from "../../../worker/src/okta/org-url";

function refusal(input: OrgLocation, allowLoopback = false): AppError {
  try {
    resolveOrgUrl(input, allowLoopback);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe("resolveOrgUrl", () => {
  it("answers the bare origin of either form", () => {
    expect(resolveOrgUrl({ orgUrl: "https://acme.okta.com" }, false)).toBe("https://acme.okta.com");
    expect(resolveOrgUrl({ orgUrl: " https://ACME.oktapreview.com/ " }, false)).toBe("https://acme.oktapreview.com");
    expect(resolveOrgUrl({ subdomain: "Acme-Corp", server: "okta-emea.com" }, false)).toBe("https://acme-corp.okta-emea.com");
    expect(resolveOrgUrl({ orgUrl: "https://login.acme.example" }, false)).toBe("https://login.acme.example");
  });

  it("plain http is refused, except a loopback host when loopback upstreams are allowed (development)", () => {
    expect(refusal({ orgUrl: "http://acme.okta.com" }).code).toBe("okta_org_url_invalid");
    expect(refusal({ orgUrl: "http://acme.okta.com" }, true).code).toBe("okta_org_url_invalid");
    expect(refusal({ orgUrl: "http://127.0.0.1:8790" }).code).toBe("okta_org_url_invalid");
    expect(resolveOrgUrl({ orgUrl: "http://127.0.0.1:8790" }, true)).toBe("http://127.0.0.1:8790");
  });

  it("the -admin console host is refused with the org domain to use instead", () => {
    const byUrl = refusal({ orgUrl: "https://acme-admin.okta.com" });
    expect(byUrl.code).toBe("okta_org_url_invalid");
    expect(byUrl.details).toEqual({ suggestion: "https://acme.okta.com" });
    const byParts = refusal({ subdomain: "acme-admin", server: "oktapreview.com" });
    expect(byParts.details).toEqual({ suggestion: "https://acme.oktapreview.com" });
  });

  it("exactly one form: both, neither, or half of subdomain + server is refused", () => {
    for (const input of [
      { orgUrl: "https://acme.okta.com", subdomain: "acme", server: "okta.com" },
      { orgUrl: "https://acme.okta.com", server: "okta.com" },
      {},
      { subdomain: "acme" },
      { server: "okta.com" },
    ] satisfies OrgLocation[]) {
      expect(refusal(input).code, JSON.stringify(input)).toBe("okta_org_url_invalid");
    }
  });

  it("origin only: a path (custom authorization server), query, fragment, port or user info is refused", () => {
    for (const orgUrl of [
      "https://acme.okta.com/oauth2/default",
      "https://acme.okta.com/?x=1",
      "https://acme.okta.com/#a",
      "https://acme.okta.com:8443",
      "https://okta.com@evil.example",
      "https://user:pw@acme.okta.com",
      "acme.okta.com",
      "",
    ]) {
      expect(refusal({ orgUrl }).code, orgUrl).toBe("okta_org_url_invalid");
    }
  });

  it("hosts the worker must not reach (SSRF) are refused as an org URL", () => {
    for (const orgUrl of ["https://10.0.0.1", "https://169.254.169.254", "https://localhost", "https://intranet", "https://[::1]", "https://okta.internal"]) {
      expect(refusal({ orgUrl }).code, orgUrl).toBe("okta_org_url_invalid");
    }
  });

  it("a subdomain must be one DNS label", () => {
    for (const subdomain of ["acme.evil.example", "acme/x", "-acme", "", "a".repeat(64), "acme@evil"]) {
      expect(refusal({ subdomain, server: "okta.com" }).code, subdomain).toBe("okta_org_url_invalid");
    }
  });
});
