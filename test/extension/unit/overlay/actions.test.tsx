import { afterEach, describe, expect, it } from "vitest";
import type { LifecycleAction } from "../../../../shared/okta-actions";
import { ADA, adaContext, fakeSend, flush, renderOverlay } from "./support";

afterEach(() => {
  document.body.replaceChildren();
});

describe("overlay actions", () => {
  it("draws only the actions the worker allows, and none for a viewer", async () => {
    const admin = await renderOverlay(fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) }).send);
    expect(admin.$$("button[data-action]").map((button) => button.dataset.action)).toEqual(["suspend", "reset_factors", "temporary_access_code", "deactivate"]);
    admin.unmount();
    const viewer = await renderOverlay(
      fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext({ allowedActions: ["retrieve", "list_groups"], recentAudit: null }) }) }).send,
    );
    expect(viewer.$$("button[data-action]")).toHaveLength(0);
    expect(viewer.$("[data-poc=recent-audit]")).toBeNull();
  });

  it("confirms a suspension naming the user and the effect, then runs it, announces it and refreshes", async () => {
    let status = "ACTIVE";
    const { send, sent } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext({ okta: { ...adaContext().okta!, status } }) }),
      "overlay.lifecycle": () => {
        status = "SUSPENDED";
        return { ok: true, data: { ok: true, action: "suspend", result: {}, oktaRequestId: "okta-77" } };
      },
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]");
    const dialog = view.$("[role=dialog]");
    expect(dialog?.textContent).toContain("Ada Lovelace (ada@acme.test)");
    expect(dialog?.textContent).toContain("cannot sign in");
    expect(sent.filter((message) => message.type === "overlay.lifecycle")).toHaveLength(0);
    await view.click("[data-poc=confirm]");
    expect(sent.filter((message) => message.type === "overlay.lifecycle").map((message) => message.payload)).toEqual([{ userId: ADA, action: "suspend" }]);
    expect(view.$("[data-poc=announce]")?.textContent).toBe("Suspended Ada Lovelace (ada@acme.test). (Okta request okta-77)");
    expect(view.$("[data-poc=okta-status]")?.textContent).toBe("SUSPENDED");
    expect(view.$("[role=dialog]")).toBeNull();
  });

  it("does nothing when the confirmation is cancelled", async () => {
    const { send, sent } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    await view.click("button[data-action=reset_factors]");
    await view.click("[data-poc=cancel]");
    expect(view.$("[role=dialog]")).toBeNull();
    expect(sent.map((message) => message.type)).toEqual(["overlay.context"]);
  });

  it("wants the login typed before deactivating", async () => {
    const { send, sent } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext() }),
      "overlay.lifecycle": () => ({ ok: true, data: { ok: true, action: "deactivate", result: {}, oktaRequestId: null } }),
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=deactivate]");
    const confirm = () => view.$("[data-poc=confirm]") as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    await view.type("[data-poc=confirm-login]", "ada@acme.tes");
    await flush();
    expect(confirm().disabled).toBe(true);
    await view.type("[data-poc=confirm-login]", "ada@acme.test");
    await flush();
    expect(confirm().disabled).toBe(false);
    await view.click("[data-poc=confirm]");
    expect(sent.some((message) => message.type === "overlay.lifecycle" && (message.payload as { action: LifecycleAction }).action === "deactivate")).toBe(true);
  });

  it("runs a reversible action in one click", async () => {
    const { send, sent } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext({ allowedActions: ["unsuspend"] }) }),
      "overlay.lifecycle": () => ({ ok: true, data: { ok: true, action: "unsuspend", result: {}, oktaRequestId: null } }),
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=unsuspend]");
    expect(view.$("[role=dialog]")).toBeNull();
    expect(sent.filter((message) => message.type === "overlay.lifecycle")).toHaveLength(1);
  });

  it("disables every action while one is in flight", async () => {
    let finish: (() => void) | undefined;
    const { send } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext({ allowedActions: ["unsuspend", "unlock"] }) }),
      "overlay.lifecycle": () =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true, data: { ok: true, action: "unsuspend", result: {}, oktaRequestId: null } });
        }),
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=unsuspend]");
    const buttons = view.$$("button[data-action]") as HTMLButtonElement[];
    expect(buttons.every((button) => button.disabled)).toBe(true);
    expect(view.$("button[data-action=unsuspend]")?.getAttribute("aria-busy")).toBe("true");
    finish?.();
    await flush();
    expect((view.$$("button[data-action]") as HTMLButtonElement[]).every((button) => !button.disabled)).toBe(true);
  });

  it("announces Okta's errorSummary and request IDs when Okta refuses", async () => {
    const { send } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext() }),
      "overlay.lifecycle": () => ({
        ok: false,
        error: {
          code: "okta_bad_request",
          message: "Okta refused the request",
          status: 400,
          requestId: "req-1",
          details: { errorSummary: "Cannot suspend a user that is not active", oktaRequestId: "okta-9" },
        },
      }),
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]");
    await view.click("[data-poc=confirm]");
    const text = view.$("[data-poc=announce]")?.textContent ?? "";
    expect(text).toContain("Cannot suspend a user that is not active");
    expect(text).toContain("okta-9");
    expect(text).toContain("okta_bad_request");
  });

  it("shows a temporary access code once, and forgets it when dismissed", async () => {
    const { send } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext() }),
      "overlay.tac": () => ({
        ok: true,
        data: { code: "TAC-1234-5678", expiresAt: "2026-11-27T13:00:00.000Z", multiUse: false, enrollmentId: "tac-enrollment-1", oktaRequestId: "okta-3" },
      }),
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=temporary_access_code]");
    await view.click("[data-poc=confirm]");
    expect(view.$("[data-poc=tac-code]")?.textContent).toBe("TAC-1234-5678");
    await view.click("[data-poc=tac-dismiss]");
    expect(view.container.textContent).not.toContain("TAC-1234-5678");
  });

  it("closes the dialog on Escape", async () => {
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]");
    view.$("[role=dialog]")?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await flush();
    expect(view.$("[role=dialog]")).toBeNull();
  });
});
