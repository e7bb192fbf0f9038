import { render } from "preact";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import type { send } from "../../../../extension/lib/messages";
import { OptionsApp } from "../../../../extension/options/options-app";
import { orgAnswer } from "./fixtures";
import { $, container, sendMock, session, setUpPage, until } from "./support";

// The page talks to the background only through send(); the background is a table of replies here.
vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

type Call = { type: string; payload: unknown };
let calls: Call[];

function backend(replies: Record<string, (payload: unknown) => unknown>) {
  sendMock.mockImplementation((async (type: string, payload: unknown) => {
    calls.push({ type, payload });
    const reply = replies[type];
    if (!reply) return { ok: false, error: { code: "invalid_message", message: `no reply for ${type}`, status: null, requestId: null } };
    return reply(payload);
  }) as typeof send);
}

const ok = (data: unknown) => () => ({ ok: true, data });

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

setUpPage();
beforeEach(() => {
  calls = [];
});

describe("options page: settings", () => {
  it("shows SettingsSchema's errors and asks for nothing when a field is invalid", async () => {
    const request = vi.spyOn(fakeBrowser.permissions, "request").mockResolvedValue(true);
    backend({ "settings.get": ok(null), "session.get": ok(null) });
    render(<OptionsApp />, container);
    const url = await until(() => $<HTMLInputElement>('input[name="workerUrl"]'));
    type(url, "http://companion.example.com");
    type($<HTMLInputElement>('input[name="orgId"]')!, "Acme_Corp");
    $<HTMLButtonElement>('button[data-poc="save-settings"]')!.click();

    await until(() => $('[data-poc="field-error"]'));
    expect($("#workerUrl-error")!.textContent).toContain("https");
    expect($("#orgId-error")!.textContent).toContain("no underscore");
    expect(url.getAttribute("aria-invalid")).toBe("true");
    expect(request).not.toHaveBeenCalled();
    expect(calls.map((call) => call.type)).not.toContain("settings.save");
  });

  it("asks for the worker's origin within the click, then saves the normalised settings", async () => {
    const order: string[] = [];
    const request = vi.spyOn(fakeBrowser.permissions, "request").mockImplementation(async () => {
      order.push("permissions.request");
      return true;
    });
    backend({
      "settings.get": ok(null),
      "session.get": ok(null),
      "settings.save": (payload) => {
        order.push("settings.save");
        return { ok: true, data: payload };
      },
    });
    render(<OptionsApp />, container);
    type(await until(() => $<HTMLInputElement>('input[name="workerUrl"]')), "https://companion.example.com/some/path");
    type($<HTMLInputElement>('input[name="orgId"]')!, "acme");
    $<HTMLButtonElement>('button[data-poc="save-settings"]')!.click();

    // Synchronously inside the click: no await may come first, or the browser refuses the prompt.
    expect(request).toHaveBeenCalledWith({ origins: ["https://companion.example.com/*"] });
    await until(() => calls.find((call) => call.type === "settings.save"));
    expect(order).toEqual(["permissions.request", "settings.save"]);
    expect(calls.find((call) => call.type === "settings.save")!.payload).toEqual({ workerUrl: "https://companion.example.com", orgId: "acme" });
    await until(() => $('[data-section="settings"] [data-poc="announce"]')?.textContent?.includes("Saved"));
  });

  it("does not save when the browser refuses the origin, and says so", async () => {
    vi.spyOn(fakeBrowser.permissions, "request").mockResolvedValue(false);
    backend({ "settings.get": ok({ workerUrl: "https://companion.example.com", orgId: "acme" }), "session.get": ok(null), "settings.save": ok({}) });
    render(<OptionsApp />, container);
    const url = await until(() => $<HTMLInputElement>('input[name="workerUrl"]'));
    expect(url.value).toBe("https://companion.example.com");
    $<HTMLButtonElement>('button[data-poc="save-settings"]')!.click();
    const announce = await until(() => $('[data-section="settings"] [data-poc="announce"]')?.textContent || null);
    expect(announce).toContain("permission_missing");
    expect(calls.map((call) => call.type)).not.toContain("settings.save");
  });
});

describe("options page: sign-in", () => {
  it("offers sign-in when signed out, and shows who is signed in afterwards", async () => {
    backend({
      "settings.get": ok({ workerUrl: "https://companion.example.com", orgId: "acme" }),
      "session.get": ok(null),
      "auth.signIn": ok(session("operator")),
    });
    render(<OptionsApp />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="sign-in"]:not([disabled])'))).click();
    const who = await until(() => $('[data-poc="signed-in-as"]'));
    expect(who.textContent).toContain("ada@acme.test");
    expect(who.textContent).toContain("operator");
    expect(who.textContent).toContain("acme");
    expect($('button[data-poc="sign-out"]')).not.toBeNull();
    expect($('button[data-poc="sign-in"]')).toBeNull();
  });

  it("signs out", async () => {
    backend({
      "settings.get": ok({ workerUrl: "https://companion.example.com", orgId: "acme" }),
      "session.get": ok(session("viewer")),
      "auth.signOut": ok({}),
    });
    render(<OptionsApp />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="sign-out"]'))).click();
    await until(() => $('button[data-poc="sign-in"]'));
    expect($('[data-poc="signed-in-as"]')).toBeNull();
    expect(calls.map((call) => call.type)).toContain("auth.signOut");
  });

  it("keeps sign-in disabled until settings exist", async () => {
    backend({ "settings.get": ok(null), "session.get": ok(null) });
    render(<OptionsApp />, container);
    const button = await until(() => $<HTMLButtonElement>('button[data-poc="sign-in"]'));
    expect(button.disabled).toBe(true);
  });

  it("shows a failed sign-in with its code", async () => {
    backend({
      "settings.get": ok({ workerUrl: "https://companion.example.com", orgId: "acme" }),
      "session.get": ok(null),
      "auth.signIn": () => ({
        ok: false,
        error: { code: "extension_not_registered", message: "this extension is not registered", status: 400, requestId: "req-1" },
      }),
    });
    render(<OptionsApp />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="sign-in"]:not([disabled])'))).click();
    const text = await until(() => $('[data-section="session"] [data-poc="announce"]')?.textContent || null);
    expect(text).toContain("extension_not_registered");
    expect(text).toContain("req-1");
  });
});

describe("options page: this extension's ID", () => {
  it("shows the ID and the redirect URL, with the registration hint", async () => {
    backend({ "settings.get": ok(null), "session.get": ok(null) });
    render(<OptionsApp />, container);
    const block = await until(() => $('[data-poc="extension-id"]'));
    expect(block.textContent).toContain(fakeBrowser.runtime.id);
    expect(block.textContent).toContain(`https://${fakeBrowser.runtime.id}.chromiumapp.org/`);
    expect(container.textContent).toContain("PATCH /api/orgs/");
    expect($('button[data-poc="register-extension"]')).toBeNull();
    expect($('[data-poc="register-page-link"]')).toBeNull();
  });

  it("before any sign-in, links to the worker's registration page for this ID and organization", async () => {
    backend({ "settings.get": ok({ workerUrl: "https://companion.example.com", orgId: "acme" }), "session.get": ok(null) });
    render(<OptionsApp />, container);
    const link = await until(() => $<HTMLAnchorElement>('[data-poc="register-page-link"]'));
    expect(link.href).toBe(`https://companion.example.com/acme/extensions/register?id=${fakeBrowser.runtime.id}`);
    expect(link.rel).toBe("noopener noreferrer");
  });

  it("lets an admin register it, keeping the IDs already registered", async () => {
    const org = orgAnswer({ extensionIds: ["abcdefghijklmnopabcdefghijklmnop"] });
    backend({
      "settings.get": ok({ workerUrl: "https://companion.example.com", orgId: "acme" }),
      "session.get": ok(session("admin")),
      "api.call": (payload) => {
        const call = payload as { method: string; path: string; body?: { extensionIds: string[] } };
        if (call.path === "/api/orgs/acme" && call.method === "PATCH")
          return { ok: true, data: { status: 200, body: { ...org, extensionIds: call.body!.extensionIds } } };
        if (call.path === "/api/orgs/acme") return { ok: true, data: { status: 200, body: org } };
        return { ok: true, data: { status: 404, body: { error: { code: "route_not_found", message: "no", requestId: "r" } } } };
      },
    });
    render(<OptionsApp />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="register-extension"]'))).click();
    await until(() => calls.find((call) => (call.payload as { method?: string }).method === "PATCH"));
    const patch = calls.find((call) => (call.payload as { method?: string }).method === "PATCH")!.payload as { body: unknown };
    expect(patch.body).toEqual({ extensionIds: ["abcdefghijklmnopabcdefghijklmnop", fakeBrowser.runtime.id] });
  });
});
