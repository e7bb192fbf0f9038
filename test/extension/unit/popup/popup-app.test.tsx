import { render } from "preact";
import { describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import type { send } from "../../../../extension/lib/messages";
import type { Health, SessionView } from "../../../../extension/lib/protocol";
import { PopupApp } from "../../../../extension/popup/popup-app";
import { $, container, sendMock, setUpPage, until } from "../options/support";

vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));

function backend(session: SessionView | null, health: Health | { error: string }) {
  sendMock.mockImplementation((async (type: string) => {
    if (type === "session.get") return { ok: true, data: session };
    if (type === "worker.health") {
      return "error" in health
        ? { ok: false, error: { code: health.error, message: "save the worker URL first", status: null, requestId: null } }
        : { ok: true, data: health };
    }
    return { ok: false, error: { code: "invalid_message", message: type, status: null, requestId: null } };
  }) as typeof send);
}

setUpPage();

describe("popup", () => {
  it("says who is signed in to which organization, and the worker's health", async () => {
    backend(
      { email: "grace@acme.test", role: "operator", orgId: "acme", expiresAt: "2031-01-01T00:00:00.000Z", workerUrl: "https://companion.example.com" },
      { reachable: true, status: 200, latencyMs: 41.6 },
    );
    render(<PopupApp />, container);
    const who = await until(() => $('[data-poc="signed-in-as"]'));
    expect(who.textContent).toContain("grace@acme.test");
    expect(who.textContent).toContain("operator");
    expect(who.textContent).toContain("acme");
    const health = await until(() => $<HTMLElement>('[data-poc="health"]'));
    expect(health.dataset.reachable).toBe("true");
    expect(health.textContent).toContain("HTTP 200 in 42 ms");
    expect($('button[data-poc="sign-in"]')).toBeNull();
  });

  it("offers sign-in when signed out, which opens the options page", async () => {
    const open = vi.spyOn(fakeBrowser.runtime, "openOptionsPage").mockResolvedValue(undefined);
    backend(null, { reachable: false, status: null, latencyMs: null });
    render(<PopupApp />, container);
    (await until(() => $<HTMLButtonElement>('button[data-poc="sign-in"]'))).click();
    expect(open).toHaveBeenCalledTimes(1);
    expect((await until(() => $('[data-poc="health"]'))).textContent).toContain("Unreachable");
  });

  it("shows a health failure with its code", async () => {
    backend(null, { error: "not_configured" });
    render(<PopupApp />, container);
    const error = await until(() => $('section[data-section="health"] [data-poc="error"]'));
    expect(error.textContent).toContain("not_configured");
  });

  it("opens the options page from its link", async () => {
    const open = vi.spyOn(fakeBrowser.runtime, "openOptionsPage").mockResolvedValue(undefined);
    backend(null, { reachable: true, status: 200, latencyMs: 5 });
    render(<PopupApp />, container);
    $<HTMLButtonElement>('button[data-poc="open-options"]')!.click();
    expect(open).toHaveBeenCalledTimes(1);
  });
});
