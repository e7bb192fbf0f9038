/** Options page: the org API keys section (a new key is shown once). */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { ApiKeysSection } from "../../../../extension/options/api-keys-section";
import { $, apiCalls, backend, container, fill, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

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
