import { readdirSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { overlayShadowMode } from "../../../../extension/overlay/shadow-root-mode";
import { ACME_CONSOLE, adaContext, fakeSend, renderOverlay } from "./support";

afterEach(() => {
  document.body.replaceChildren();
});

const lifecycleCalls = (sent: { type: string }[]) => sent.filter((message) => message.type === "overlay.lifecycle");

describe("overlay guards: the tenant the page belongs to", () => {
  it("offers actions on the credential's own console, whatever the case of its host", async () => {
    const context = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(context.send, { consoleHost: ACME_CONSOLE.toUpperCase() });
    expect(view.$$("button[data-action]").length).toBeGreaterThan(0);
    expect(view.$("[data-poc=tenant-mismatch]")).toBeNull();
  });

  it("shows the case but no actions on another org's console, and says which console it expected", async () => {
    const context = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(context.send, { consoleHost: "evil-admin.okta.com" });
    expect(view.$$("button[data-action]")).toHaveLength(0);
    const note = view.$("[data-poc=tenant-mismatch]")?.textContent ?? "";
    expect(note).toContain("evil-admin.okta.com");
    expect(note).toContain(ACME_CONSOLE);
    expect(view.$("[data-poc=okta-status]")?.textContent).toBe("ACTIVE");
  });

  it("offers no actions when the credential's console is not known, or no credential answered", async () => {
    const unknownHost = adaContext({ oktaTenant: { ...adaContext().oktaTenant!, adminConsoleHost: null } });
    const first = await renderOverlay(fakeSend({ "overlay.context": () => ({ ok: true, data: unknownHost }) }).send);
    expect(first.$$("button[data-action]")).toHaveLength(0);
    expect(first.$("[data-poc=tenant-mismatch]")?.textContent).toContain("not known");
    first.unmount();
    const noTenant = await renderOverlay(fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext({ oktaTenant: null }) }) }).send);
    expect(noTenant.$$("button[data-action]")).toHaveLength(0);
    expect(noTenant.$("[data-poc=tenant-mismatch]")).not.toBeNull();
  });

  it("treats a host that differs only by a trailing dot or a suffix as another console", async () => {
    for (const consoleHost of [`${ACME_CONSOLE}.`, `x${ACME_CONSOLE}`]) {
      const view = await renderOverlay(fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) }).send, { consoleHost });
      expect(view.$$("button[data-action]")).toHaveLength(0);
      view.unmount();
    }
  });
});

describe("overlay guards: only the admin's own input acts", () => {
  it("ignores a script's click on an action button: no dialog, no call", async () => {
    const { send, sent } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]", "untrusted");
    expect(view.$("[role=dialog]")).toBeNull();
    expect(lifecycleCalls(sent)).toHaveLength(0);
  });

  it("ignores a script's click on Confirm after the admin opened the dialog", async () => {
    const { send, sent } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext() }),
      "overlay.lifecycle": () => ({ ok: true, data: { ok: true, action: "suspend", result: {}, oktaRequestId: null } }),
    });
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]");
    expect(view.$("[role=dialog]")).not.toBeNull();
    await view.click("[data-poc=confirm]", "untrusted");
    expect(lifecycleCalls(sent)).toHaveLength(0);
    await view.click("[data-poc=confirm]");
    expect(lifecycleCalls(sent)).toHaveLength(1);
  });
});

describe("overlay guards: the shadow root", () => {
  it("is closed unless the build says, explicitly, that it is the dev build", () => {
    expect(overlayShadowMode(undefined)).toBe("closed");
    expect(overlayShadowMode(false)).toBe("closed");
    expect(overlayShadowMode(true)).toBe("open");
  });
});

describe("overlay guards: no markup from a string", () => {
  // The panel draws Okta's, Persona's and the console page's text into the admin's console: as text nodes only, so
  // no answer, user agent or case name becomes markup. Nothing the content script ships may parse HTML from a string.
  const shipped = ["../../../../extension/overlay/", "../../../../extension/entrypoints/okta-user.content/"].flatMap((dir) => {
    const root = new URL(dir, import.meta.url);
    return (readdirSync(root, { recursive: true }) as string[])
      .filter((name) => /\.tsx?$/.test(name))
      .map((name) => ({ name, text: readFileSync(new URL(name, root), "utf8") }));
  });

  it("finds the content script's sources (control)", () => {
    expect(shipped.map((file) => file.name)).toEqual(expect.arrayContaining(["overlay.tsx", "timeline-item.tsx", "index.tsx"]));
  });

  it.each(["innerHTML", "outerHTML", "insertAdjacentHTML", "dangerouslySetInnerHTML", "document.write", "DOMParser", "createContextualFragment"])(
    "never uses %s",
    (sink) => {
      expect(shipped.filter((file) => file.text.includes(sink)).map((file) => file.name)).toEqual([]);
    },
  );
});
