/** Options page: the Provisioning (SCIM) section: a token shown once, the list, revoke behind a confirm, Okta's settings. */
import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { ScimSection } from "../../../../extension/options/scim-section";
import { $, $$, apiCalls, backend, container, session, setUpPage, until } from "./support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

setUpPage();

const TOKEN = `poc_scim_acme_${"ab".repeat(32)}`;
const BASE = "https://companion.example.com/acme/scim/v2";
const view = (id: string, lastUsedAt: string | null) => ({ id, createdAt: "2030-06-01T00:00:00.000Z", lastUsedAt });

function scimBackend(tokens: ReturnType<typeof view>[]) {
  backend(session("admin"), {
    "GET /api/orgs/acme/scim/tokens": () => ({ status: 200, body: { tokens } }),
    "POST /api/orgs/acme/scim/tokens": () => {
      tokens.unshift(view("scim_new", null));
      return { status: 201, body: { id: "scim_new", token: TOKEN, scimBaseUrl: BASE, createdAt: "2030-06-01T00:00:00.000Z" } };
    },
    "DELETE /api/orgs/acme/scim/tokens/scim_old": () => {
      tokens.splice(
        tokens.findIndex((token) => token.id === "scim_old"),
        1,
      );
      return { status: 204, body: null };
    },
  });
}

describe("options page: Provisioning (SCIM)", () => {
  it("shows a new token and the base URL once, each with a copy button, and never in the list", async () => {
    scimBackend([]);
    render(<ScimSection orgId="acme" />, container);
    await until(() => $('section[data-section="provisioning"] [data-poc="empty"]'));
    $<HTMLButtonElement>('button[data-poc="create-scim-token"]')!.click();
    expect((await until(() => $('[data-poc="scim-token-value"]'))).textContent).toBe(TOKEN);
    expect($('[data-poc="scim-base-url"]')!.textContent).toBe(BASE);
    expect($('[data-poc="new-scim-token"]')!.textContent).toContain("It is not shown again");
    expect($$('[data-poc="new-scim-token"] button[data-poc="copy"]').map((button) => button.getAttribute("aria-label"))).toEqual([
      "Copy SCIM connector base URL",
      "Copy New SCIM token",
    ]);
    expect(apiCalls.find((call) => call.method === "POST")).toEqual({ method: "POST", path: "/api/orgs/acme/scim/tokens" });
    const table = await until(() => $('table[data-poc="scim-tokens"]'));
    expect(table.textContent).toContain("never used");
    expect(table.textContent).not.toContain(TOKEN);
    // Okta's settings name the base URL once the worker has answered it.
    expect($('[data-poc="scim-okta-settings"]')!.textContent).toContain(BASE);
    $<HTMLButtonElement>('button[data-poc="dismiss-scim-token"]')!.click();
    await vi.waitFor(() => expect($('[data-poc="scim-token-value"]')).toBeNull());
    expect(container.textContent).not.toContain(TOKEN);
  });

  it("revokes only after the confirm, and Cancel revokes nothing", async () => {
    scimBackend([view("scim_old", "2030-06-02T00:00:00.000Z")]);
    render(<ScimSection orgId="acme" />, container);
    const revoke = await until(() => $<HTMLButtonElement>('tr[data-token="scim_old"] button[data-poc="revoke-scim-token"]'));
    revoke.click();
    (await until(() => $<HTMLButtonElement>('dialog[data-poc="confirm-dialog"] button[data-poc="cancel"]'))).click();
    await vi.waitFor(() => expect($('dialog[data-poc="confirm-dialog"]')).toBeNull());
    expect(apiCalls.filter((call) => call.method === "DELETE")).toEqual([]);
    revoke.click();
    const dialog = await until(() => $('dialog[data-poc="confirm-dialog"]'));
    expect(dialog.textContent).toContain("provisioning stops");
    dialog.querySelector<HTMLButtonElement>('button[data-poc="confirm"]')!.click();
    await until(() => $('section[data-section="provisioning"] [data-poc="empty"]'));
    expect(apiCalls.filter((call) => call.method === "DELETE")).toEqual([{ method: "DELETE", path: "/api/orgs/acme/scim/tokens/scim_old" }]);
  });

  it("explains rotation and Okta's Provisioning-tab settings", async () => {
    scimBackend([]);
    render(<ScimSection orgId="acme" />, container);
    const settings = await until(() => $('table[data-poc="scim-okta-settings"]'));
    expect(settings.querySelector("caption")!.textContent).toContain("Provisioning");
    for (const words of ["userName", "HTTP Header", "Push New Users"]) expect(settings.textContent).toContain(words);
    expect($('[data-poc="scim-rotation"]')!.textContent).toContain("revoke the old one");
  });
});
