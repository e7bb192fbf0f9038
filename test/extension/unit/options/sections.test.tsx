import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import type { send } from "../../../../extension/lib/messages";
import { ApiKeysSection } from "../../../../extension/options/api-keys-section";
import { AuditSection } from "../../../../extension/options/audit-section";
import { CredentialsSection } from "../../../../extension/options/credentials-section";
import { OptionsApp } from "../../../../extension/options/options-app";
import { PersonaSection } from "../../../../extension/options/persona-section";
import { SsoSection } from "../../../../extension/options/sso-section";
import { UsersSection } from "../../../../extension/options/users-section";
import { $, $$, type Answer, apiCalls, backend, container, fill, sendMock, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

const ADMIN_SECTIONS = ["sso", "credentials", "persona", "roles", "users", "rules", "api-keys"];
const sections = () => $$("section[data-section]").map((section) => section.dataset.section);

setUpPage();

describe("options page: sections by role", () => {
  it("gives a viewer no setup section, only the note that setup needs an admin", async () => {
    backend(session("viewer"), {});
    render(<OptionsApp />, container);
    await until(() => $('[data-poc="needs-admin"]'));
    for (const name of [...ADMIN_SECTIONS, "audit"]) expect(sections()).not.toContain(name);
    expect($('input[name="workerUrl"]')).not.toBeNull();
    expect($('button[data-poc="sign-out"]')).not.toBeNull();
    expect(apiCalls).toEqual([]);
  });

  it("gives an operator the audit log only", async () => {
    backend(session("operator"), { "GET /api/orgs/acme/audit?limit=50": { status: 200, body: { entries: [], next: null } } });
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="audit"] [data-poc="empty"]'));
    for (const name of ADMIN_SECTIONS) expect(sections()).not.toContain(name);
    expect($('[data-poc="needs-admin"]')).not.toBeNull();
    expect(apiCalls.map((call) => call.path)).toEqual(["/api/orgs/acme/audit?limit=50"]);
  });

  it("gives an admin every section", async () => {
    backend(session("admin"), {});
    render(<OptionsApp />, container);
    await until(() => $('section[data-section="audit"]'));
    for (const name of [...ADMIN_SECTIONS, "audit"]) expect(sections()).toContain(name);
    expect($('[data-poc="needs-admin"]')).toBeNull();
  });

  it("shows no role section when signed out", async () => {
    backend(null, {});
    render(<OptionsApp />, container);
    await until(() => $('button[data-poc="sign-in"]'));
    for (const name of [...ADMIN_SECTIONS, "audit"]) expect(sections()).not.toContain(name);
  });
});

describe("options page: loading, empty and error states", () => {
  it("shows loading, then the worker's error code and message", async () => {
    let answer!: (value: Answer) => void;
    const pending = new Promise<Answer>((resolve) => (answer = resolve));
    sendMock.mockImplementation((async () => ({ ok: true, data: await pending })) as typeof send);
    render(<AuditSection orgId="acme" />, container);
    await until(() => $('section[data-section="audit"] [data-poc="loading"]'));
    answer({ status: 403, body: workerError("forbidden", "this needs the operator role") });
    const error = await until(() => $('section[data-section="audit"] [data-poc="error"]'));
    expect(error.textContent).toContain("forbidden: this needs the operator role");
    expect(error.textContent).toContain("HTTP 403");
    expect(error.textContent).toContain("req-42");
    expect($('section[data-section="audit"] [data-poc="loading"]')).toBeNull();
  });

  it("shows the extension's own failure (no session) with its code", async () => {
    sendMock.mockResolvedValue({ ok: false, error: { code: "session_expired", message: "sign in again", status: null, requestId: null } });
    render(<CredentialsSection orgId="acme" />, container);
    const error = await until(() => $('section[data-section="credentials"] [data-poc="error"]'));
    expect(error.textContent).toContain("session_expired");
  });

  it("treats an answer of the wrong shape as bad_response", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [{ id: 1 }] } } });
    render(<CredentialsSection orgId="acme" />, container);
    const error = await until(() => $('section[data-section="credentials"] [data-poc="error"]'));
    expect(error.textContent).toContain("bad_response");
  });

  it("shows the empty state distinctly", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/credentials": { status: 200, body: { credentials: [] } } });
    render(<CredentialsSection orgId="acme" />, container);
    await until(() => $('section[data-section="credentials"] [data-poc="empty"]'));
    expect($('section[data-section="credentials"] [data-poc="error"]')).toBeNull();
    expect($('table[data-poc="credentials"]')).toBeNull();
  });
});

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
    expect(missing.textContent).toContain("permission for suspend");
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

const user = (email: string, role: string, lastLoginAt: string | null) => ({
  id: `usr_${email.split("@")[0]}`,
  email,
  role,
  roleSource: lastLoginAt ? "jit" : "admin",
  disabled: false,
  createdAt: "2030-01-01T00:00:00.000Z",
  updatedAt: "2030-01-01T00:00:00.000Z",
  lastLoginAt,
});

describe("options page: users", () => {
  it("pre-provisions a user with a role, and lists them afterwards", async () => {
    const users = [user("ada@acme.test", "admin", "2030-01-01T00:00:00.000Z")];
    backend(session("admin"), {
      "GET /api/orgs/acme/users": () => ({ status: 200, body: { users } }),
      "POST /api/orgs/acme/users": (call) => {
        const { email, role } = call.body as { email: string; role: string };
        const created = user(email, role, null);
        users.push(created);
        return { status: 201, body: created };
      },
    });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    await until(() => $('tr[data-user="ada@acme.test"]'));
    const form = $<HTMLFormElement>('form[data-poc="provision-user"]')!;
    fill(form, { email: " Grace@Acme.test ", role: "operator" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const added = await until(() => $('tr[data-user="grace@acme.test"]'));

    expect(apiCalls.filter((call) => call.method === "POST")).toEqual([
      { method: "POST", path: "/api/orgs/acme/users", body: { email: "grace@acme.test", role: "operator" } },
    ]);
    expect(added.querySelector<HTMLSelectElement>("select")!.value).toBe("operator");
    expect((form.elements.namedItem("email") as HTMLInputElement).value).toBe("");
    expect($('section[data-section="users"] [data-poc="announce"]')!.textContent).toContain("grace@acme.test");
  });

  it("shows user_exists when the email is taken, and keeps what was typed", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/users": { status: 200, body: { users: [user("ada@acme.test", "admin", null)] } },
      "POST /api/orgs/acme/users": { status: 409, body: workerError("user_exists", "a user with this email exists") },
    });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="provision-user"]'));
    fill(form, { email: "ada@acme.test", role: "viewer" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const announce = $('section[data-section="users"] [data-poc="announce"]')!;
    await until(() => announce.textContent || null);

    expect(announce.textContent).toContain("user_exists: a user with this email exists");
    expect(announce.textContent).toContain("HTTP 409");
    expect(announce.textContent).toContain("req-42");
    expect(announce.dataset.tone).toBe("error");
    expect((form.elements.namedItem("email") as HTMLInputElement).value).toBe("ada@acme.test");
  });

  it("refuses an invalid email before sending anything", async () => {
    backend(session("admin"), { "GET /api/orgs/acme/users": { status: 200, body: { users: [] } } });
    render(<UsersSection orgId="acme" selfEmail="ada@acme.test" />, container);
    await until(() => $('section[data-section="users"] [data-poc="empty"]'));
    const form = $<HTMLFormElement>('form[data-poc="provision-user"]')!;
    fill(form, { email: "not an email", role: "viewer" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const text = await until(() => $('section[data-section="users"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("email");
    expect(apiCalls.filter((call) => call.method === "POST")).toEqual([]);
  });
});

describe("options page: Persona", () => {
  const connected = {
    configured: true,
    environment: "sandbox",
    baseUrl: "https://api.withpersona.com/api/v1",
    settings: { matchByEmail: { enabled: false, accountField: null, caseField: null }, tagCasesAfterActions: false },
    createdAt: "2030-01-01T00:00:00.000Z",
    updatedAt: "2030-01-01T00:00:00.000Z",
  };
  const webhook = { configured: true, secrets: 1, webhookUrl: "https://companion.example.com/acme/webhooks/persona" };

  it("disconnects only after confirmation, then shows Persona as not connected", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: connected },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: webhook },
      "DELETE /api/orgs/acme/persona": { status: 204, body: null },
    });
    render(<PersonaSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="disconnect-persona"]'))).click();
    const confirm = await until(() => $<HTMLButtonElement>('section[data-section="persona"] button[data-poc="confirm"]'));
    expect(apiCalls.filter((call) => call.method === "DELETE")).toEqual([]);
    confirm.click();
    const empty = await until(() => $('section[data-section="persona"] [data-poc="empty"]'));

    expect(empty.textContent).toContain("not connected");
    expect(apiCalls.filter((call) => call.method === "DELETE")).toEqual([{ method: "DELETE", path: "/api/orgs/acme/persona" }]);
    expect($('[data-poc="persona-status"]')).toBeNull();
    expect($('button[data-poc="disconnect-persona"]')).toBeNull();
    expect($('[data-poc="webhook-status"]')!.textContent).toContain("Secret set");
  });

  it("keeps the connection when the confirmation is cancelled", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: connected },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: webhook },
    });
    render(<PersonaSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="disconnect-persona"]'))).click();
    (await until(() => $<HTMLButtonElement>('section[data-section="persona"] button[data-poc="cancel"]'))).click();
    await until(() => $('button[data-poc="disconnect-persona"]'));
    expect($('[data-poc="persona-status"]')).not.toBeNull();
    expect(apiCalls.filter((call) => call.method === "DELETE")).toEqual([]);
  });

  it("shows the worker's refusal of a disconnect with its code", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: connected },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: webhook },
      "DELETE /api/orgs/acme/persona": { status: 403, body: workerError("forbidden", "this needs the admin role") },
    });
    render(<PersonaSection orgId="acme" />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="disconnect-persona"]'))).click();
    (await until(() => $<HTMLButtonElement>('section[data-section="persona"] button[data-poc="confirm"]'))).click();
    const text = await until(() => $('section[data-section="persona"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("forbidden: this needs the admin role");
    expect(text).toContain("req-42");
    expect($('[data-poc="persona-status"]')).not.toBeNull();
  });
});

describe("options page: org API keys", () => {
  it("shows a new key once, and forgets it when dismissed", async () => {
    const view = {
      id: "key_1",
      name: "Persona workflow",
      role: "operator",
      prefix: "poc_k_acme_ab",
      createdAt: "2030-01-01T00:00:00.000Z",
      createdBy: "ada@acme.test",
      lastUsedAt: null,
      revokedAt: null,
    };
    const key = "poc_k_acme_abcdefghijklmnopqrstuvwxyz012345";
    let listed: unknown[] = [];
    backend(session("admin"), {
      "GET /api/orgs/acme/api-keys": () => ({ status: 200, body: { apiKeys: listed } }),
      "POST /api/orgs/acme/api-keys": () => {
        listed = [view];
        return { status: 201, body: { ...view, key } };
      },
    });
    render(<ApiKeysSection orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="create-api-key"]'));
    fill(form, { name: "Persona workflow", role: "operator" });
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await until(() => $('[data-poc="api-key-value"]'))).textContent).toBe(key);
    expect(apiCalls.find((call) => call.method === "POST")!.body).toEqual({ name: "Persona workflow", role: "operator" });
    await until(() => $('table[data-poc="api-keys"]'));
    expect($('table[data-poc="api-keys"]')!.textContent).not.toContain(key);
    $<HTMLButtonElement>('button[data-poc="dismiss-key"]')!.click();
    await vi.waitFor(() => expect($('[data-poc="api-key-value"]')).toBeNull());
    expect(container.textContent).not.toContain(key);
  });
});

describe("options page: SSO", () => {
  it("shows the ACS URL and Audience URI, then the summary of the fetched metadata", async () => {
    const sp = {
      entityId: "https://companion.example.com/acme/metadata",
      metadataUrl: "https://companion.example.com/acme/metadata",
      acsUrl: "https://companion.example.com/acme/acs",
      loginUrl: "https://companion.example.com/acme/login",
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
});

describe("options page: audit log", () => {
  it("lists time, actor, action, target, result and Okta request ID", async () => {
    backend(session("operator"), {
      "GET /api/orgs/acme/audit?limit=50": {
        status: 200,
        body: {
          entries: [
            {
              id: 7,
              at: "2030-01-01T00:00:00.000Z",
              actor: { kind: "user", id: "u1", label: "ada@acme.test" },
              role: "admin",
              action: "suspend",
              targetUserId: "00udemograce00000002",
              credentialId: "cred_x",
              result: "refused",
              status: 403,
              errorCode: "okta_forbidden",
              oktaErrorCode: "E0000006",
              oktaRequestId: "okta-req-9",
              changes: null,
            },
          ],
          next: null,
        },
      },
    });
    render(<AuditSection orgId="acme" />, container);
    const row = await until(() => $('table[data-poc="audit"] tbody tr'));
    const cells = [...row.querySelectorAll("td")].map((cell) => cell.textContent);
    expect(cells[1]).toContain("ada@acme.test");
    expect(cells[2]).toBe("suspend");
    expect(cells[3]).toBe("00udemograce00000002");
    expect(cells[4]).toContain("refused");
    expect(cells[4]).toContain("E0000006");
    expect(cells[5]).toBe("okta-req-9");
  });
});
