/**
 * The investigation's actions in the overlay: "End all sessions" (confirmed, naming the user and the effect; gated
 * like the other write actions), the one-click offer to end the sessions after a suspension, and the evidence
 * export as a browser download (JSON or CSV), for operators and admins on the user's own console.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EvidenceFile, Reply } from "../../../../extension/lib/protocol";
import type { UserContext } from "../../../../shared/persona";
import type { Verification } from "../../../../shared/verification";
import { ADA, adaContext, fakeSend, renderOverlay } from "./support";
import { timelinePage } from "./timeline-fixtures";
import { VER } from "./verification-fixtures";
import { verified } from "./verification-support";

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const ACTIVE_ACTIONS: UserContext["allowedActions"] = ["retrieve", "suspend", "clear_sessions", "reset_factors", "deactivate"];
const cleared = { ok: true, data: { ok: true, action: "clear_sessions", oktaRequestId: "okta-31" } } as const;

function backend(overrides: { context?: () => UserContext; evidence?: (format: string) => Reply<EvidenceFile> } = {}) {
  let status = "ACTIVE";
  return fakeSend({
    "overlay.context": () => ({
      ok: true,
      data: overrides.context?.() ?? adaContext({ okta: { ...adaContext().okta!, status }, allowedActions: ACTIVE_ACTIONS }),
    }),
    "overlay.lifecycle": ({ action }) => {
      status = "SUSPENDED";
      return { ok: true, data: { ok: true, action, result: {}, oktaRequestId: "okta-77" } };
    },
    "overlay.sessions.clear": () => cleared,
    "overlay.timeline": () => ({ ok: true, data: timelinePage() }),
    "overlay.evidence": ({ format }) =>
      overrides.evidence?.(format) ?? {
        ok: true,
        data: { filename: `evidence-acme-${ADA}.${format}`, mediaType: format === "csv" ? "text/csv" : "application/json", text: `the ${format} pack` },
      },
  });
}

const sentOf = (sent: Array<{ type: string; payload: unknown }>, type: string) =>
  sent.filter((message) => message.type === type).map((message) => message.payload);

describe("End all sessions", () => {
  it("is in the action bar, after suspend, and asks first, naming the user and what it ends", async () => {
    const { send, sent } = backend();
    const view = await renderOverlay(send);
    expect(view.$$("button[data-action]").map((button) => button.dataset.action)).toEqual(["suspend", "clear_sessions", "reset_factors", "deactivate"]);
    expect(view.$("button[data-action=clear_sessions]")?.textContent).toBe("End all sessions");
    await view.click("button[data-action=clear_sessions]");
    const dialog = view.$("[role=dialog]");
    expect(dialog?.textContent).toContain("End all sessions: Ada Lovelace (ada@acme.test)?");
    expect(dialog?.textContent).toContain("Ends every Okta session and revokes their OAuth tokens");
    expect(sentOf(sent, "overlay.sessions.clear")).toHaveLength(0);
    await view.click("[data-poc=confirm]");
    expect(sentOf(sent, "overlay.sessions.clear")).toEqual([{ userId: ADA }]);
    expect(view.$("[data-poc=announce]")?.textContent).toBe("Ended every session of Ada Lovelace (ada@acme.test). (Okta request okta-31)");
  });

  it.each([
    ["waits for a verification", [] as Verification[]],
    ["runs with the verification", [verified()]],
  ])("%s when the policy gates it", async (name, verifications) => {
    const { send, sent } = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext({ allowedActions: ACTIVE_ACTIONS, verificationRequiredFor: ["clear_sessions"] }) }),
      "session.get": () => ({ ok: true, data: null }),
      "overlay.verification.list": () => ({ ok: true, data: { verifications } }),
      "overlay.verification.get": () => ({ ok: true, data: verifications[0]! }),
      "overlay.sessions.clear": () => cleared,
    });
    const view = await renderOverlay(send);
    const button = view.$("button[data-action=clear_sessions]") as HTMLButtonElement;
    expect((view.$("button[data-action=suspend]") as HTMLButtonElement).disabled).toBe(false);
    if (name === "waits for a verification") {
      expect(button.disabled).toBe(true);
      expect(view.$("[data-poc-gate=clear_sessions]")?.textContent).toContain("End all sessions needs a verified identity");
      return;
    }
    expect(button.dataset.gate).toBe("verified");
    await view.click("button[data-action=clear_sessions]");
    await view.click("[data-poc=confirm]");
    expect(sentOf(sent, "overlay.sessions.clear")).toEqual([{ userId: ADA, verificationId: VER }]);
  });
});

describe("the timeline after an action", () => {
  it("is read again once it was opened, and not before", async () => {
    const { send, sent } = backend();
    const view = await renderOverlay(send);
    await view.click("button[data-action=clear_sessions]");
    await view.click("[data-poc=confirm]");
    expect(sentOf(sent, "overlay.timeline")).toHaveLength(0);
    await view.click("[data-poc-tab=timeline]");
    await view.click("[data-poc-tab=overview]");
    await view.click("button[data-action=clear_sessions]");
    await view.click("[data-poc=confirm]");
    expect(sentOf(sent, "overlay.timeline")).toHaveLength(2);
  });
});

describe("after a suspension", () => {
  it("offers to end the sessions too, in one click", async () => {
    const { send, sent } = backend();
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=offer-clear-sessions]")).toBeNull();
    await view.click("button[data-action=suspend]");
    await view.click("[data-poc=confirm]");
    expect(view.$("[data-poc=okta-status]")?.textContent).toBe("SUSPENDED");
    const offer = view.$("[data-poc=offer-clear-sessions]");
    expect(offer?.textContent).toBe("End their sessions too");
    await view.click("[data-poc=offer-clear-sessions]");
    // No second dialog: the suspension was confirmed.
    expect(view.$("[role=dialog]")).toBeNull();
    expect(sentOf(sent, "overlay.sessions.clear")).toEqual([{ userId: ADA }]);
    expect(view.$("[data-poc=announce]")?.textContent).toContain("Ended every session of Ada Lovelace");
    expect(view.$("[data-poc=offer-clear-sessions]")).toBeNull();
  });

  it("does not take a click a console script makes", async () => {
    const { send, sent } = backend();
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]");
    await view.click("[data-poc=confirm]");
    await view.click("[data-poc=offer-clear-sessions]", "untrusted");
    expect(sentOf(sent, "overlay.sessions.clear")).toHaveLength(0);
  });

  it("offers nothing when ending sessions is not allowed, or after a failed suspension", async () => {
    const { send } = backend({ context: () => adaContext({ allowedActions: ["retrieve", "suspend"] }) });
    const view = await renderOverlay(send);
    await view.click("button[data-action=suspend]");
    await view.click("[data-poc=confirm]");
    expect(view.$("[data-poc=announce]")?.textContent).toContain("Suspended");
    expect(view.$("[data-poc=offer-clear-sessions]")).toBeNull();
    view.unmount();

    const failing = fakeSend({
      "overlay.context": () => ({ ok: true, data: adaContext({ allowedActions: ACTIVE_ACTIONS }) }),
      "overlay.lifecycle": () => ({ ok: false, error: { code: "okta_error", message: "Okta refused", status: 400, requestId: "r-1" } }),
    });
    const failed = await renderOverlay(failing.send);
    await failed.click("button[data-action=suspend]");
    await failed.click("[data-poc=confirm]");
    expect(failed.$("[data-poc=announce]")?.textContent).toContain("Suspend failed");
    expect(failed.$("[data-poc=offer-clear-sessions]")).toBeNull();
  });
});

describe("the evidence export", () => {
  /** Watches the download: the Blob made, and the link clicked with its file name. */
  function watchDownloads() {
    const blobs: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return `blob:https://acme-admin.okta.com/${blobs.length}`;
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    const clicked: Array<{ href: string; download: string; inPanel: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inPanel: this.closest("[data-poc=overlay]") !== null });
    });
    return { blobs, clicked };
  }

  async function openTimeline(send: ReturnType<typeof backend>["send"], options: { consoleHost?: string } = {}) {
    const view = await renderOverlay(send, options);
    await view.click("[data-poc-tab=timeline]");
    return view;
  }

  it.each(["json", "csv"] as const)("saves the %s pack the background fetched as a download from the panel", async (format) => {
    const downloads = watchDownloads();
    const { send, sent } = backend();
    const view = await openTimeline(send);
    await view.click(`[data-poc=export-${format}]`);
    expect(sentOf(sent, "overlay.evidence")).toEqual([{ userId: ADA, format }]);
    expect(downloads.clicked).toEqual([{ href: "blob:https://acme-admin.okta.com/1", download: `evidence-acme-${ADA}.${format}`, inPanel: true }]);
    expect(await downloads.blobs[0]?.text()).toBe(`the ${format} pack`);
    expect(downloads.blobs[0]?.type).toBe(`${format === "csv" ? "text/csv" : "application/json"};charset=utf-8`);
    expect(view.$("[data-poc=export-status]")?.textContent).toBe(`Saved evidence-acme-${ADA}.${format}`);
    // The link is gone again.
    expect(view.$("[data-poc=export] a")).toBeNull();
  });

  it("says why when the export fails, and saves nothing", async () => {
    const downloads = watchDownloads();
    const { send } = backend({
      evidence: () => ({ ok: false, error: { code: "forbidden", message: "operators and admins only", status: 403, requestId: "r-4" } }),
    });
    const view = await openTimeline(send);
    await view.click("[data-poc=export-json]");
    expect(downloads.clicked).toHaveLength(0);
    expect(view.$("[data-poc=export-status]")?.textContent).toContain("operators and admins only [forbidden; request r-4]");
  });

  it("does not take a click a console script makes", async () => {
    const downloads = watchDownloads();
    const { send, sent } = backend();
    const view = await openTimeline(send);
    await view.click("[data-poc=export-csv]", "untrusted");
    expect(sentOf(sent, "overlay.evidence")).toHaveLength(0);
    expect(downloads.clicked).toHaveLength(0);
  });

  it("is not offered to a viewer, nor on another tenant's console", async () => {
    const viewer = await openTimeline(backend({ context: () => adaContext({ allowedActions: ["retrieve"], recentAudit: null }) }).send);
    expect(viewer.$("[data-poc=timeline]")).not.toBeNull();
    expect(viewer.$("[data-poc=export]")).toBeNull();
    viewer.unmount();
    const elsewhere = await openTimeline(backend().send, { consoleHost: "evil-admin.okta.com" });
    expect(elsewhere.$("[data-poc=timeline]")).not.toBeNull();
    expect(elsewhere.$("[data-poc=export]")).toBeNull();
  });
});
