/** Options page: the Persona section (disconnecting). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { PersonaSection } from "../../../../extension/options/persona-section";
import { $, apiCalls, backend, container, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

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
