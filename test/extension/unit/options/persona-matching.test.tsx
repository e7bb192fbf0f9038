/** Options page: Persona's email matching and case tags, changed without re-entering the key. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { PersonaSection } from "../../../../extension/options/persona-section";
import { personaConnected, personaHook } from "./fixtures";
import { $, apiCalls, backend, container, fill, session, setUpPage, until, workerError } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const check = (id: string, checked: boolean) => {
  $<HTMLInputElement>(`#${id}`)!.checked = checked;
};

describe("options page: Persona matching", () => {
  it("turns email matching on with the named fields and case tagging, as one PATCH, and shows the answer", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: personaConnected },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: personaHook(true) },
      "PATCH /api/orgs/acme/persona": {
        status: 200,
        body: {
          ...personaConnected,
          settings: { matchByEmail: { enabled: true, accountField: "work_email", caseField: null }, tagCasesAfterActions: true },
          updatedAt: "2030-01-05T00:00:00.000Z",
        },
      },
    });
    render(<PersonaSection orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="persona-matching"]'));
    check("matching-enabled", true);
    check("matching-tagCases", true);
    fill(form, { accountField: " work_email " });
    $<HTMLButtonElement>('button[data-poc="save-matching"]')!.click();
    await until(() => $('[data-poc="persona-status"]')?.textContent?.includes("email matching on"));
    expect($('[data-poc="persona-matching-part"] [data-poc="announce"]')!.textContent).toBe(
      "Saved: email matching on (account field work_email); case tagging on.",
    );
    expect(apiCalls.find((call) => call.method === "PATCH")).toEqual({
      method: "PATCH",
      path: "/api/orgs/acme/persona",
      body: { matchByEmail: { enabled: true, accountField: "work_email" }, tagCasesAfterActions: true },
    });
    expect($<HTMLInputElement>("#matching-accountField")!.value).toBe("work_email");
    expect($<HTMLInputElement>("#matching-enabled")!.checked).toBe(true);
  });

  it("refuses a field name Persona cannot have before sending anything", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: personaConnected },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: personaHook(true) },
    });
    render(<PersonaSection orgId="acme" />, container);
    const form = await until(() => $<HTMLFormElement>('form[data-poc="persona-matching"]'));
    check("matching-enabled", true);
    fill(form, { accountField: "work email" });
    $<HTMLButtonElement>('button[data-poc="save-matching"]')!.click();
    await until(() => $('[data-poc="persona-matching-part"] [data-poc="announce"]')?.textContent?.includes("Not saved"));
    expect(apiCalls.filter((call) => call.method === "PATCH")).toEqual([]);
  });

  it("shows the worker's refusal with its code and keeps the form", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: personaConnected },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: personaHook(true) },
      "PATCH /api/orgs/acme/persona": { status: 409, body: workerError("persona_not_configured", "connect Persona first") },
    });
    render(<PersonaSection orgId="acme" />, container);
    await until(() => $('form[data-poc="persona-matching"]'));
    $<HTMLButtonElement>('button[data-poc="save-matching"]')!.click();
    const text = await until(() => $('[data-poc="persona-matching-part"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("persona_not_configured");
  });

  it("is not offered while Persona is not connected", async () => {
    backend(session("admin"), {
      "GET /api/orgs/acme/persona": { status: 200, body: { configured: false } },
      "GET /api/orgs/acme/persona/webhook": { status: 200, body: personaHook(false) },
    });
    render(<PersonaSection orgId="acme" />, container);
    await until(() => $('section[data-section="persona"] [data-poc="empty"]'));
    expect($('form[data-poc="persona-matching"]')).toBeNull();
  });
});
