/** Options page: the Setup checklist, each step's live state read from the worker, and the work done in it. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { SetupChecklist } from "../../../../extension/options/setup-checklist";
import { auditEntry, CRED_ID, credential, logEntry, oktaHook, personaConnected, personaHook, policy, rule, ssoConfigured, ssoEmpty } from "./fixtures";
import { $, $$, apiCalls, backend, container, fill, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const ok = (body: unknown) => ({ status: 200, body });
const step = (id: string) => $(`li[data-step="${id}"]`)!;
const stateOf = (id: string) => step(id).dataset.state;
const report = (ok: boolean) => ({
  credentialId: CRED_ID,
  type: "okta_api_service",
  ok,
  missingScopes: ok ? [] : ["okta.users.manage"],
  scopes: {},
  dpopRequired: false,
  operations: [
    {
      action: "suspend",
      usable: ok,
      reason: ok ? "ok" : "scope okta.users.manage is not granted",
      scope: "okta.users.manage",
      permission: "User > Edit users' lifecycle states",
      oktaErrorCode: ok ? null : "invalid_scope",
      oktaErrorSummary: null,
      remedy: ok ? null : "Grant okta.users.manage on the app's Okta API Scopes tab.",
    },
  ],
});

/** A fresh organization's answers: only SSO partly done; `audit` is the list the audit route answers. */
function freshOrg(audit: { entries: unknown[] }) {
  return {
    "GET /api/orgs/acme/sso": ok(ssoConfigured()),
    "GET /api/orgs/acme/log?limit=50": ok({
      entries: [logEntry("sso.login_failed", "2030-06-02T00:00:00.000Z", "saml_destination_mismatch", "destination")],
      next: null,
    }),
    "GET /api/orgs/acme/credentials": ok({ credentials: [credential()] }),
    "GET /api/orgs/acme/audit?limit=200": () => ok({ entries: audit.entries, next: null }),
    "GET /api/orgs/acme/persona": ok({ configured: false }),
    "GET /api/orgs/acme/persona/webhook": ok(personaHook(false)),
    "GET /api/orgs/acme/okta/event-hook": ok(oktaHook(0)),
    "GET /api/orgs/acme/verification": ok({ configured: false }),
    "GET /api/orgs/acme/persona/rules": ok({ rules: [] }),
    "GET /api/orgs/acme/scim/tokens": ok({ tokens: [] }),
  };
}

describe("options page: Setup checklist", () => {
  it("shows each step's state from the worker, with the last error in plain words and the fix", async () => {
    backend(session("admin"), freshOrg({ entries: [] }));
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => $('[data-poc="setup-progress"]')?.textContent?.includes("of 7"));
    expect($$("li[data-step]").map((item) => item.dataset.step)).toEqual(["sso", "okta-credential", "persona", "webhooks", "scim", "verification", "rules"]);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => $$("li[data-step] .step-number")[n - 1]!.textContent)).toEqual(["1.", "2.", "3.", "4.", "5.", "6.", "7."]);
    expect(stateOf("sso")).toBe("attention");
    expect(step("sso").querySelector('[data-poc="step-problem"]')!.textContent).toContain("another address");
    expect(step("sso").querySelector('[data-poc="step-fix"]')!.textContent).toContain("https://companion.example.com/acme/acs");
    expect(stateOf("okta-credential")).toBe("attention");
    expect(step("okta-credential").querySelector('[data-poc="step-state"]')!.textContent).toBe("Needs attention");
    expect(stateOf("persona")).toBe("not-started");
    expect(stateOf("webhooks")).toBe("not-started");
    expect(stateOf("scim")).toBe("not-started");
    expect(stateOf("verification")).toBe("not-started");
    expect(stateOf("rules")).toBe("not-started");
    expect($('[data-poc="setup-progress"]')!.textContent).toBe("0 of 7 steps done; 2 need attention.");
  });

  it("offers a copy button for every URL an admin pastes elsewhere, and the test sign-in link", async () => {
    backend(session("admin"), freshOrg({ entries: [] }));
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => $('[data-poc="hook-url"]'));
    const copies = $$('button[data-poc="copy"]').map((button) => button.getAttribute("aria-label"));
    for (const what of [
      "Single sign-on URL (ACS URL)",
      "Audience URI (SP Entity ID)",
      "Sign-in URL",
      "JWKS URL of Companion app",
      "Webhook URL",
      "Event hook URL",
    ])
      expect(
        copies.some((label) => label?.includes(what)),
        `${what} in ${JSON.stringify(copies)}`,
      ).toBe(true);
    expect($<HTMLAnchorElement>('[data-poc="test-sign-in-link"]')!.href).toBe("https://companion.example.com/acme/login");
    expect($<HTMLAnchorElement>('[data-poc="test-sign-in-link"]')!.rel).toContain("noopener");
  });

  it("tests the credential in its step, shows the capability table, and reads the step's state again", async () => {
    const audit = { entries: [] as unknown[] };
    backend(session("admin"), {
      ...freshOrg(audit),
      [`POST /api/orgs/acme/credentials/${CRED_ID}/test`]: () => {
        audit.entries = [auditEntry({ action: "credential_test", credentialId: CRED_ID, result: "success" })];
        return ok(report(true));
      },
    });
    render(<SetupChecklist orgId="acme" />, container);
    (await until(() => step("okta-credential")?.querySelector<HTMLButtonElement>('button[data-poc="test-credential"]:not([disabled])'))).click();
    await until(() => step("okta-credential").querySelector('[data-poc="capability-report"]'));
    await until(() => stateOf("okta-credential") === "done");
    expect(apiCalls.filter((call) => call.path === "/api/orgs/acme/audit?limit=200")).toHaveLength(2);
  });

  it("imports the metadata in the SSO step and reads the sign-in log again", async () => {
    backend(session("admin"), { ...freshOrg({ entries: [] }), "GET /api/orgs/acme/sso": ok(ssoEmpty), "PUT /api/orgs/acme/sso": ok(ssoConfigured()) });
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => stateOf("sso") === "not-started");
    fill(step("sso").querySelector<HTMLFormElement>('form[data-poc="metadata-import"]')!, { metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" });
    step("sso").querySelector<HTMLButtonElement>('button[data-poc="get-metadata"]')!.click();
    await until(() => stateOf("sso") === "attention");
    expect(apiCalls.find((call) => call.method === "PUT")!.body).toEqual({ metadataUrl: "https://acme.okta.com/app/exk1/sso/saml/metadata" });
    expect(apiCalls.filter((call) => call.path === "/api/orgs/acme/log?limit=50")).toHaveLength(2);
  });

  it("connects Persona in its step when it is not connected", async () => {
    backend(session("admin"), { ...freshOrg({ entries: [] }), "PUT /api/orgs/acme/persona": ok(personaConnected) });
    render(<SetupChecklist orgId="acme" />, container);
    const form = await until(() => step("persona")?.querySelector<HTMLFormElement>('form[data-poc="connect-persona"]'));
    fill(form, { apiKey: "persona_sandbox_0123456789abcdef" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => step("persona").querySelector('button[data-poc="test-persona"]'));
    expect(stateOf("persona")).toBe("attention");
    expect(form.querySelector<HTMLInputElement>('input[name="apiKey"]')?.value ?? "").toBe("");
  });

  it("counts done steps and lists the rules", async () => {
    backend(session("admin"), {
      ...freshOrg({ entries: [auditEntry({ action: "credential_test", credentialId: CRED_ID }), auditEntry({ action: "persona_test" })] }),
      "GET /api/orgs/acme/log?limit=50": ok({ entries: [logEntry("sso.login", "2030-06-02T00:00:00.000Z")], next: null }),
      "GET /api/orgs/acme/persona": ok(personaConnected),
      "GET /api/orgs/acme/persona/webhook": ok(personaHook(true)),
      "GET /api/orgs/acme/okta/event-hook": ok(oktaHook(1)),
      "GET /api/orgs/acme/verification": ok(policy),
      "GET /api/orgs/acme/persona/rules": ok({ rules: [rule()] }),
      "GET /api/orgs/acme/scim/tokens": ok({ tokens: [{ id: "scim_1", createdAt: "2030-06-01T00:00:00.000Z", lastUsedAt: "2030-06-02T00:00:00.000Z" }] }),
    });
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => $('[data-poc="setup-progress"]')?.textContent === "7 of 7 steps done.");
    expect($('[data-poc="step-rules"]')!.textContent).toContain("case.resolved (Declined) → suspend");
  });

  it("says which read failed, with its code, instead of a state it cannot know", async () => {
    backend(session("admin"), {
      ...freshOrg({ entries: [] }),
      "GET /api/orgs/acme/persona/rules": { status: 500, body: workerError("internal_error", "boom") },
    });
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => stateOf("rules") === "attention");
    expect(step("rules").querySelector('[data-poc="step-problem"]')!.textContent).toContain("internal_error");
  });

  it("says which of the two hooks could not be read, Persona's first when both failed", async () => {
    const failed = { status: 500, body: workerError("internal_error", "boom") };
    backend(session("admin"), { ...freshOrg({ entries: [] }), "GET /api/orgs/acme/okta/event-hook": failed });
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => stateOf("webhooks") === "attention");
    expect(step("webhooks").querySelector('[data-poc="step-summary"]')!.textContent).toBe("Could not read Okta's event hook.");
    render(null, container);
    backend(session("admin"), { ...freshOrg({ entries: [] }), "GET /api/orgs/acme/okta/event-hook": failed, "GET /api/orgs/acme/persona/webhook": failed });
    render(<SetupChecklist orgId="acme" />, container);
    await until(() => stateOf("webhooks") === "attention");
    expect(step("webhooks").querySelector('[data-poc="step-summary"]')!.textContent).toBe("Could not read Persona's webhook.");
  });
});
