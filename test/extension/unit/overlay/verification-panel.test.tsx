/** The "Verify identity" panel: each state it can be in, and what it sends to get from one to the next. */
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { ADA, adaContext, fakeSend, flush, NOW, renderOverlay } from "./support";
import { issued, LINK, VER, VER_2, verification } from "./verification-fixtures";
import { renderUnderPolicy, verified } from "./verification-support";

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("when the panel is there", () => {
  it("is absent, and nothing is asked, when the organization has no policy", async () => {
    const { send, sent } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc-verification]")).toBeNull();
    expect(sent.map((message) => message.type)).toEqual(["overlay.context"]);
  });

  it("is absent when no gated action is offered on this user (a viewer, or a state without one)", async () => {
    const context = adaContext({ verificationRequiredFor: ["unlock"], allowedActions: ["retrieve", "suspend"] });
    const { send, sent } = fakeSend({ "overlay.context": () => ({ ok: true, data: context }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc-verification]")).toBeNull();
    expect(sent.map((message) => message.type)).toEqual(["overlay.context"]);
  });

  it("is absent on another org's console, where no action is offered", async () => {
    const context = adaContext({ verificationRequiredFor: ["reset_factors"] });
    const { send, sent } = fakeSend({ "overlay.context": () => ({ ok: true, data: context }) });
    const view = await renderOverlay(send, { consoleHost: "evil-admin.okta.com" });
    expect(view.$("[data-poc-verification]")).toBeNull();
    expect(sent.some((message) => message.type.startsWith("overlay.verification"))).toBe(false);
  });
});

describe("panel states", () => {
  it("not-started: offers Verify identity", async () => {
    const view = await renderUnderPolicy();
    expect(view.state()).toBe("not-started");
    expect(view.sentOf("overlay.verification.list")).toEqual([{ userId: ADA }]);
    expect(view.$("[data-poc=verify-start]")?.textContent).toBe("Verify identity");
  });

  it("link-issued: shows the one-time link, a copy button and its QR code, and keeps the link out of storage", async () => {
    const world = { verifications: [] as ReturnType<typeof verification>[] };
    const view = await renderUnderPolicy(world);
    world.verifications = [verification()];
    await view.click("[data-poc=verify-start]");
    expect(view.sentOf("overlay.verification.start")).toEqual([{ userId: ADA }]);
    expect(view.state()).toBe("link-issued");
    expect(view.$("[data-poc=link-text]")?.textContent).toBe(LINK);
    expect(view.$("[data-poc=link-copy]")).not.toBeNull();
    // The link is text, never an anchor the operator could open (and so spend).
    expect(view.$(`a[href="${LINK}"]`)).toBeNull();
    const qr = view.$("svg[data-poc=link-qr]");
    expect(qr?.getAttribute("role")).toBe("img");
    // The stand-in matrix has five dark modules: five unit squares in one path.
    expect(
      qr
        ?.querySelector("path")
        ?.getAttribute("d")
        ?.match(/M\d+ \d+h1v1h-1z/g),
    ).toHaveLength(5);
    expect(view.$("[data-poc=verify-cancel]")).not.toBeNull();
    const stored = JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);
    expect(stored).not.toContain("us1-abc");
  });

  it.each(["javascript:alert(document.domain)", "http://withpersona.com/verify?code=us1-abc", "data:text/html,<b>x</b>"])(
    "link-issued: does not show the link %s, nor a QR code of it",
    async (link) => {
      const view = await renderUnderPolicy({ start: () => ({ ok: true, data: { ...issued(link), qr: [[true]] } }) });
      await view.click("[data-poc=verify-start]");
      expect(view.state()).toBe("link-issued");
      expect(view.$("[data-poc=link-refused]")).not.toBeNull();
      expect(view.$("[data-poc=link-text]")).toBeNull();
      expect(view.$("svg")).toBeNull();
      expect(view.container.innerHTML).not.toContain(link.slice(0, 10));
    },
  );

  it("link-issued, then waiting once the person started, then verified: polling every 3 s while pending", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
    const world = { verifications: [] as ReturnType<typeof verification>[] };
    const view = await renderUnderPolicy(world);
    world.verifications = [verification()];
    await view.click("[data-poc=verify-start]");
    expect(view.state()).toBe("link-issued");
    const reads = () => view.sentOf("overlay.verification.get").length;
    const before = reads();

    world.verifications = [verification({ inquiryStatus: "pending" })];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_100);
    });
    await flush();
    expect(reads()).toBe(before + 1);
    expect(view.state()).toBe("waiting");
    expect(view.$("[data-poc=link-text]")).toBeNull();
    expect(view.panel()?.textContent).toContain("Waiting for the person");
    expect(view.panel()?.textContent).not.toContain("Link lost?");

    world.verifications = [verified()];
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3_100);
    });
    await flush();
    expect(view.state()).toBe("verified");
    expect(view.sentOf("overlay.verification.get").at(-1)).toEqual({ userId: ADA, verificationId: VER });
  });

  it("waiting: a pending verification this panel did not start shows no link, and can be cancelled", async () => {
    const view = await renderUnderPolicy({ verifications: [verification()] });
    expect(view.state()).toBe("waiting");
    expect(view.$("[data-poc=link-text]")).toBeNull();
    expect(view.panel()?.textContent).toContain("Link lost? Cancel and verify again.");
    expect(view.$("[data-poc=verify-cancel]")).not.toBeNull();
  });

  it("verified: the field comparison and the time left until validUntil", async () => {
    const view = await renderUnderPolicy({ verifications: [verified()] });
    expect(view.state()).toBe("verified");
    const rows = view.$$("[data-poc=verify-comparison] tbody tr").map((row) => row.textContent);
    expect(rows).toEqual(["name-firstmatch", "name-lastmatch", "email-addressmissing"]);
    expect(view.$("[data-poc=verify-time-left]")?.textContent?.trim()).toBe("29 min");
    expect(view.panel()?.textContent).not.toContain("differs from the Okta profile");
  });

  it("verified: warns when a verified field differs from the Okta profile", async () => {
    const view = await renderUnderPolicy({ verifications: [verified({ comparison: [{ field: "name-last", result: "differs" }] })] });
    expect(view.panel()?.textContent).toContain("differs from the Okta profile");
  });

  it("verified past validUntil reads as expired, without waiting for the worker", async () => {
    const view = await renderUnderPolicy({ verifications: [verified({ validUntil: new Date(NOW - 1_000).toISOString() })] });
    expect(view.state()).toBe("expired");
  });

  it.each([
    ["declined", verification({ status: "declined", inquiryStatus: "declined" }), "Persona declined it"],
    ["needs_review", verification({ status: "needs_review", inquiryStatus: "needs_review" }), "reviewer decides"],
    ["expired", verification({ status: "expired", inquiryStatus: "expired" }), "ran out"],
    ["cancelled", verification({ status: "cancelled" }), "cancelled"],
    [
      "used",
      verified({ status: "used", usedFor: "reset_factors", usedBy: "grace@acme.test", usedAt: new Date(NOW - 120_000).toISOString() }),
      "Reset all factors by grace@acme.test",
    ],
  ])("%s: says so and offers to verify again", async (state, latest, words) => {
    const view = await renderUnderPolicy({ verifications: [latest, verification({ id: VER_2, status: "verified" })] });
    expect(view.state()).toBe(state);
    expect(view.panel()?.textContent).toContain(words);
    expect(view.$("[data-poc=verify-start]")?.textContent).toBe("Verify again");
    expect(view.$("[data-poc=verify-cancel]")).toBeNull();
  });

  it("cancelled: after Cancel, reading it back", async () => {
    const world = { verifications: [verified()] };
    const view = await renderUnderPolicy(world);
    world.verifications = [verified({ status: "cancelled" })];
    await view.click("[data-poc=verify-cancel]");
    expect(view.sentOf("overlay.verification.cancel")).toEqual([{ userId: ADA, verificationId: VER }]);
    expect(view.state()).toBe("cancelled");
  });

  it("says why a start was refused, in the panel", async () => {
    const view = await renderUnderPolicy({
      start: () => ({ ok: false, error: { code: "verification_not_configured", message: "connect Persona first", status: 409, requestId: "r-9" } }),
    });
    await view.click("[data-poc=verify-start]");
    expect(view.state()).toBe("not-started");
    const error = view.$("[data-poc=verify-error]")?.textContent ?? "";
    expect(error).toContain("connect Persona first");
    expect(error).toContain("companion's options");
    expect(error).toContain("verification_not_configured");
  });

  it("ignores a Verify identity or Cancel pressed by a page script (untrusted click)", async () => {
    const view = await renderUnderPolicy();
    await view.click("[data-poc=verify-start]", "untrusted");
    expect(view.sentOf("overlay.verification.start")).toHaveLength(0);
    const verifiedView = await renderUnderPolicy({ verifications: [verified()] });
    await verifiedView.click("[data-poc=verify-cancel]", "untrusted");
    expect(verifiedView.sentOf("overlay.verification.cancel")).toHaveLength(0);
  });
});
