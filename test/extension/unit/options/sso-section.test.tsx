/** Options page: the SSO section (the SP's URLs, then the fetched metadata's summary). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { SsoSection } from "../../../../extension/options/sso-section";
import { SP, ssoEmpty } from "./fixtures";
import { $, apiCalls, backend, container, fill, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

describe("options page: SSO", () => {
  it("shows the ACS URL and Audience URI, then the summary of the fetched metadata", async () => {
    const sp = {
      entityId: "https://companion.example.com/acme/metadata",
      metadataUrl: "https://companion.example.com/acme/metadata",
      acsUrl: "https://companion.example.com/acme/acs",
      loginUrl: "https://companion.example.com/acme/login",
      sloUrl: "https://companion.example.com/acme/slo",
    };
    const fingerprint = Array.from({ length: 32 }, () => "AB").join(":");
    backend(session("admin"), {
      "GET /api/orgs/acme/sso": { status: 200, body: { configured: false, allowIdpInitiated: true, sp } },
      "PUT /api/orgs/acme/sso": (call) => ({
        status: 200,
        body: {
          configured: true,
          allowIdpInitiated: true,
          sp,
          entityId: "http://www.okta.com/exk1",
          ssoUrl: "https://acme.okta.com/app/x/sso/saml",
          certificates: [
            { fingerprintSha256: fingerprint, notBefore: "2030-01-01T00:00:00.000Z", notAfter: "2040-01-01T00:00:00.000Z", subject: "CN=acme", expired: false },
          ],
          metadataUrl: (call.body as { metadataUrl: string }).metadataUrl,
          fetchedAt: "2030-06-01T00:00:00.000Z",
        },
      }),
    });
    render(<SsoSection orgId="acme" />, container);
    expect((await until(() => $('[data-poc="acs-url"]'))).textContent).toBe(sp.acsUrl);
    expect($('[data-poc="audience-uri"]')!.textContent).toBe(sp.entityId);
    expect($('section[data-section="sso"] [data-poc="empty"]')).not.toBeNull();
    const form = $<HTMLFormElement>('section[data-section="sso"] form')!;
    fill(form, { metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" });
    $<HTMLButtonElement>('button[data-poc="get-metadata"]')!.click();
    const summary = await until(() => $('[data-poc="sso-summary"]'));
    expect(summary.textContent).toContain("http://www.okta.com/exk1");
    expect(summary.textContent).toContain(fingerprint);
    expect(apiCalls.find((call) => call.method === "PUT")!.body).toEqual({ metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" });
  });

  // The SP URLs' schema takes any URL, and the link would open from the extension's own page.
  it.each([
    ["https://companion.example.com/acme/login", true],
    ["http://127.0.0.1:8787/acme/login", true],
    ["javascript:alert(document.domain)", false],
    ["data:text/html,<b>sign in</b>", false],
    ["http://companion.example.com/acme/login", false],
  ])("the test sign-in link for %s is drawn: %s (the URL stays shown, to copy)", async (loginUrl, linked) => {
    backend(session("admin"), { "GET /api/orgs/acme/sso": { status: 200, body: { ...ssoEmpty, sp: { ...SP, loginUrl } } } });
    render(<SsoSection orgId="acme" />, container);
    expect((await until(() => $('[data-poc="login-url"]'))).textContent).toBe(loginUrl);
    expect($<HTMLAnchorElement>('[data-poc="test-sign-in-link"]')?.getAttribute("href") ?? null).toBe(linked ? loginUrl : null);
  });
});
