/** Options page: the Okta credentials section (Test report, adding, API tokens, deletion). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { CredentialsSection } from "../../../../extension/options/credentials-section";
import { $, apiCalls, backend, container, fill, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const credential = {
  id: "cred_0123456789abcdef0123456789abcdef",
  type: "okta_api_service",
  nickname: "Companion app",
  orgUrl: "https://acme.okta.com",
  adminConsoleHost: "acme-admin.okta.com",
  clientId: "0oa1b2c3d4e5f6g7h8i9",
  jwksUrl: "https://companion.example.com/jwks/acme/cred_0123456789abcdef0123456789abcdef",
  keys: [{ kid: "k1", alg: "RS256", status: "active", createdAt: "2030-01-01T00:00:00.000Z" }],
  createdAt: "2030-01-01T00:00:00.000Z",
};

const operation = (action: string, scope: string, usable: boolean, okta: { code: string; summary: string } | null = null) => ({
  action,
  usable,
  reason: usable ? "ok" : `scope ${scope} is not granted`,
  scope,
  permission: `permission for ${action}`,
  oktaErrorCode: okta?.code ?? null,
  oktaErrorSummary: okta?.summary ?? null,
  remedy: usable ? null : `grant ${scope}`,
});

describe("options page: Okta credentials", () => {
  it("renders the Test report as a table, with the scope to grant on the row that lacks it", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [credential] } },
      [`POST /api/orgs/acme/credentials/${credential.id}/test`]: {
        status: 200,
        body: {
          credentialId: credential.id,
          type: "okta_api_service",
          ok: false,
          missingScopes: ["okta.users.manage"],
          scopes: { "okta.users.read": { granted: true, error: null }, "okta.users.manage": { granted: false, error: "invalid_scope" } },
          dpopRequired: true,
          operations: [
            operation("search", "okta.users.read", true),
            operation("suspend", "okta.users.manage", false, { code: "invalid_scope", summary: "The authorization server does not allow the requested scope" }),
          ],
        },
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    expect((await until(() => $('table[data-poc="credentials"]'))).textContent).toContain(credential.jwksUrl);
    $<HTMLButtonElement>('button[data-poc="test-credential"]')!.click();
    await until(() => $('[data-poc="capability-report"]'));

    const usable = $('tr[data-action="search"]')!;
    expect(usable.dataset.usable).toBe("true");
    expect(usable.querySelector('[data-poc="scope-to-grant"]')!.textContent).toBe("—");
    const missing = $('tr[data-action="suspend"]')!;
    expect(missing.dataset.usable).toBe("false");
    expect(missing.querySelector('[data-poc="scope-to-grant"]')!.textContent).toBe("okta.users.manage");
    expect(missing.textContent).toContain("invalid_scope: The authorization server does not allow the requested scope");
    expect(missing.querySelector('[data-poc="permission"]')!.textContent).toBe("permission for suspend");
    expect(missing.querySelector('[data-poc="fix"]')!.textContent).toBe("grant okta.users.manage");
    expect(usable.querySelector('[data-poc="fix"]')!.textContent).toBe("—");
    expect($('[data-poc="capability-summary"]')!.textContent).toContain("Scopes to grant: okta.users.manage");
    expect($('section[data-section="credentials"] [data-poc="announce"]')!.textContent).toContain("not usable");
  });

  it("adds an API Service app and shows its JWKS URL and the Okta-side steps", async () => {
    const created = {
      ...credential,
      oktaSetup: {
        steps: ["Create an API Services app.", "Paste the JWKS URL."],
        scopes: ["okta.users.read"],
        permissions: [{ permission: "View users", actions: ["search"] }],
      },
    };
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [] } },
      "POST /api/orgs/acme/credentials": { status: 201, body: created },
    });
    render(<CredentialsSection orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="add-api-service"]'));
    fill(form, { nickname: "Companion app", orgUrl: "https://acme.okta.com", clientId: "0oa1b2c3d4e5f6g7h8i9", alg: "ES256" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const setup = await until(() => $('[data-poc="okta-setup"]'));
    expect(setup.querySelector('[data-poc="jwks-url"]')!.textContent).toBe(credential.jwksUrl);
    expect([...setup.querySelectorAll("ol li")].map((li) => li.textContent)).toEqual(created.oktaSetup.steps);
    expect(apiCalls.find((call) => call.method === "POST")!.body).toEqual({
      type: "okta_api_service",
      nickname: "Companion app",
      orgUrl: "https://acme.okta.com",
      clientId: "0oa1b2c3d4e5f6g7h8i9",
      alg: "ES256",
    });
  });

  it("sends an API token once and never shows it back", async () => {
    const token = "00abcdefghijklmnopqrstuvwxyz0123456789";
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [] } },
      "POST /api/orgs/acme/credentials": {
        status: 201,
        body: {
          ...credential,
          type: "okta_api_key",
          clientId: undefined,
          jwksUrl: undefined,
          keys: undefined,
          oktaSetup: { steps: ["Create a token."], permissions: [] },
        },
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="add-api-key"]'));
    const tokenField = form.elements.namedItem("token") as HTMLInputElement;
    expect(tokenField.type).toBe("password");
    fill(form, { nickname: "Test token", orgUrl: "https://acme.okta.com", token });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => $('[data-poc="okta-setup"]'));
    expect((apiCalls.find((call) => call.method === "POST")!.body as { token: string }).token).toBe(token);
    expect(tokenField.value).toBe("");
    expect(container.textContent).not.toContain(token);
  });

  it("refuses an invalid client ID before sending anything", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [] } } });
    render(<CredentialsSection orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="add-api-service"]'));
    fill(form, { nickname: "x", orgUrl: "https://acme.okta.com", clientId: "no" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const text = await until(() => $('section[data-section="credentials"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("clientId");
    expect(apiCalls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("deletes only after confirmation", async () => {
    let deleted = false;
    backend(session("admin"), {
      "GET /api/orgs/acme/credentials": () => ({ status: 200, body: { credentials: deleted ? [] : [credential] } }),
      [`DELETE /api/orgs/acme/credentials/${credential.id}`]: () => {
        deleted = true;
        return { status: 204, body: null };
      },
    });
    render(<CredentialsSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="delete-credential"]'))).click();
    expect(deleted).toBe(false);
    (await until(() => $<HTMLButtonElement>('button[data-poc="confirm"]'))).click();
    await until(() => $('section[data-section="credentials"] [data-poc="empty"]'));
    expect(deleted).toBe(true);
  });
});
