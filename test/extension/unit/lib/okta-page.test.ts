import { describe, expect, it } from "vitest";
import { isAdminConsole, recognisePage } from "../../../../extension/lib/okta-page";

const at = (href: string) => {
  const url = new URL(href);
  return { protocol: url.protocol, hostname: url.hostname, pathname: url.pathname, hash: url.hash };
};

describe("recognisePage", () => {
  it("reads the user ID of a profile page on every Okta server", () => {
    for (const server of ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil"]) {
      expect(recognisePage(at(`https://acme-admin.${server}/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR`))).toEqual({
        kind: "user",
        userId: "00ub0oNGTSWTBKOLGLNR",
        tab: null,
      });
    }
  });

  it("keeps the hash tab", () => {
    expect(recognisePage(at("https://acme-admin.okta.com/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR#tab-account"))).toMatchObject({ tab: "tab-account" });
  });

  it.each([
    ["the end-user host", "https://acme.okta.com/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR"],
    ["plain http", "http://acme-admin.okta.com/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR"],
    ["a look-alike server", "https://acme-admin.okta.com.evil.test/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR"],
    ["a suffix without a dot", "https://acme-admin.notokta.com/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR"],
    ["a nested admin label", "https://x.acme-admin.okta.com/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR"],
    ["the users list", "https://acme-admin.okta.com/admin/users"],
    ["a group page", "https://acme-admin.okta.com/admin/group/00g1abcdefghijklmnop"],
    ["a group ID in the user slot", "https://acme-admin.okta.com/admin/user/profile/view/00g1abcdefghijklmnop"],
    ["a too-short ID", "https://acme-admin.okta.com/admin/user/profile/view/00uabc"],
    ["an encoded traversal", "https://acme-admin.okta.com/admin/user/profile/view/..%2F..%2Fapi%2Fv1%2Fusers"],
    ["an extra segment", "https://acme-admin.okta.com/admin/user/profile/view/00ub0oNGTSWTBKOLGLNR/extra"],
  ])("refuses %s", (_name, href) => {
    expect(recognisePage(at(href))).toEqual({ kind: "other" });
  });
});

describe("isAdminConsole", () => {
  it("accepts hyphenated org subdomains and refuses the bare server", () => {
    expect(isAdminConsole(at("https://my-org-admin.oktapreview.com/"))).toBe(true);
    expect(isAdminConsole(at("https://okta.com/"))).toBe(false);
    expect(isAdminConsole(at("https://-admin.okta.com/"))).toBe(false);
  });
});
