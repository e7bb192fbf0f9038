/** Options page, SSO section: the SAML options, the metadata refresh (pin, pending change), days left per certificate and key. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { SsoSection } from "../../../../extension/options/sso-section";
import { SP, ssoConfigured } from "./fixtures";
import { $, apiCalls, backend, container, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const NEW_FINGERPRINT = Array.from({ length: 32 }, () => "CD").join(":");
const sso = (overrides: Record<string, unknown> = {}) => ({
  ...ssoConfigured(),
  options: { requireEncryptedAssertions: false, signAuthnRequests: false, singleLogout: false },
  refresh: { pinned: false, lastAt: "2030-06-01T06:00:00.000Z", lastResult: "unchanged" },
  keys: [{ kind: "sp_key", subject: "sp-signing", notAfter: "2040-01-01T00:00:00.000Z", daysLeft: 3500 }],
  warnings: [],
  ...overrides,
});

/** The SSO route: GET answers the current view; PATCH applies the body to it, as the worker does. */
function ssoBackend(initial: ReturnType<typeof sso>) {
  let current = initial;
  backend(session("admin"), {
    "GET /api/orgs/acme/sso": () => ({ status: 200, body: current }),
    "PATCH /api/orgs/acme/sso": (call) => {
      const { pinned, acceptPending, ...options } = call.body as Record<string, boolean>;
      const refresh = { ...current.refresh, ...(pinned === undefined ? {} : { pinned }), ...(acceptPending === undefined ? {} : { pending: undefined }) };
      current = { ...current, options: { ...current.options, ...options }, refresh, ...(acceptPending ? { entityId: "http://www.okta.com/exk2" } : {}) };
      return { status: 200, body: current };
    },
  });
}

describe("options page: SSO options and refresh", () => {
  it("saves each SAML option on change, each with what to set in Okta", async () => {
    ssoBackend(sso());
    render(<SsoSection orgId="acme" />, container);
    const slo = await until(() => $<HTMLInputElement>('input[data-poc="sso-option-singleLogout"]'));
    expect($("#sso-option-singleLogout-hint")!.textContent).toContain(`Single Logout URL = ${SP.sloUrl}`);
    expect($("#sso-option-singleLogout-hint")!.textContent).toContain(`SP Issuer = ${SP.entityId}`);
    expect($("#sso-option-requireEncryptedAssertions-hint")!.textContent).toContain("Encryption Certificate");
    expect($("#sso-option-signAuthnRequests-hint")!.textContent).toContain("Signature Certificate");
    slo.click();
    await vi.waitFor(() => expect($<HTMLInputElement>('input[data-poc="sso-option-singleLogout"]')!.checked).toBe(true));
    expect(apiCalls.filter((call) => call.method === "PATCH")).toEqual([{ method: "PATCH", path: "/api/orgs/acme/sso", body: { singleLogout: true } }]);
    expect($('[data-poc="slo-url"]')!.textContent).toBe(SP.sloUrl);
    expect($('a[data-poc="sp-metadata-link"]')!.getAttribute("href")).toBe(SP.metadataUrl);
    expect($('a[data-poc="sp-signing-crt"]')!.getAttribute("href")).toBe("https://companion.example.com/acme/sp-signing.crt");
  });

  it("shows the last refresh and pins the metadata", async () => {
    ssoBackend(sso());
    render(<SsoSection orgId="acme" />, container);
    expect((await until(() => $('[data-poc="refresh-last"]'))).textContent).toContain("unchanged");
    $<HTMLInputElement>('input[data-poc="pin-metadata"]')!.click();
    await vi.waitFor(() => expect($<HTMLInputElement>('input[data-poc="pin-metadata"]')!.checked).toBe(true));
    expect(apiCalls.find((call) => call.method === "PATCH")!.body).toEqual({ pinned: true });
  });

  it("accepts a pending change only after a confirm that shows old and new", async () => {
    const pending = {
      entityId: "http://www.okta.com/exk2",
      ssoUrlRedirect: "https://acme.okta.com/app/y/sso/saml",
      fingerprints: [NEW_FINGERPRINT],
      detectedAt: "2030-06-01T06:00:00.000Z",
    };
    ssoBackend(sso({ refresh: { pinned: false, lastAt: "2030-06-01T06:00:00.000Z", lastResult: "pending", pending } }));
    render(<SsoSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="accept-pending"]'))).click();
    const diff = await until(() => $('[data-poc="pending-diff"]'));
    expect(diff.textContent).toContain("http://www.okta.com/exk1 → http://www.okta.com/exk2");
    expect(diff.textContent).toContain("https://acme.okta.com/app/x/sso/saml → https://acme.okta.com/app/y/sso/saml");
    expect(apiCalls.filter((call) => call.method === "PATCH")).toEqual([]);
    $<HTMLButtonElement>('dialog[data-poc="confirm-dialog"] button[data-poc="confirm"]')!.click();
    await vi.waitFor(() => expect($('[data-poc="pending-change"]')).toBeNull());
    expect(apiCalls.filter((call) => call.method === "PATCH").map((call) => call.body)).toEqual([{ acceptPending: true }]);
  });

  it("lists days left per certificate and key, and the warnings in plain words", async () => {
    ssoBackend(
      sso({
        certificates: [{ ...ssoConfigured().certificates[0], daysLeft: 5, source: "metadata" }],
        warnings: [{ kind: "idp_certificate", subject: "AB:AB", daysLeft: 5, severity: "critical" }],
      }),
    );
    render(<SsoSection orgId="acme" />, container);
    const table = await until(() => $('table[data-poc="expiry-table"]'));
    expect(table.querySelector("caption")!.textContent).toContain("days left");
    expect(table.textContent).toContain("5 d");
    expect(table.textContent).toContain("sp-signing");
    expect($('[data-poc="expiry-warnings"]')!.textContent).toContain("Urgent: Okta's SAML signing certificate AB:AB expires in 5 days.");
  });
});
