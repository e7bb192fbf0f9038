/**
 * Actions the verification policy gates: what the button says it waits for, that it runs with the verification
 * once there is one (and the panel then shows it used), and an admin's override with a reason.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OVERRIDE_REASON_MAX, OVERRIDE_REASON_MIN } from "../../../../extension/overlay/confirm-dialog";
import { describeError } from "../../../../extension/overlay/describe-error";
import { OverrideReasonSchema } from "../../../../shared/verification";
import { ADA, flush } from "./support";
import { VER, verification } from "./verification-fixtures";
import { renderUnderPolicy, verified } from "./verification-support";

afterEach(() => {
  document.body.replaceChildren();
});

const button = (view: { $: (selector: string) => HTMLElement | null }, action: string) => view.$(`button[data-action=${action}]`) as HTMLButtonElement;
const note = (view: { $: (selector: string) => HTMLElement | null }, action: string) => view.$(`[data-poc-gate=${action}]`)?.textContent ?? "";

describe("a gated action's button", () => {
  it("is disabled and says it needs a verified identity until there is one; other actions are not gated", async () => {
    const view = await renderUnderPolicy();
    for (const action of ["reset_factors", "temporary_access_code"]) {
      expect(button(view, action).disabled, action).toBe(true);
      expect(button(view, action).getAttribute("aria-describedby")).toBe(`poc-gate-${action}`);
      expect(note(view, action)).toContain("needs a verified identity");
    }
    expect(note(view, "reset_factors")).toMatch(/^Reset all factors needs a verified identity/);
    expect(button(view, "suspend").disabled).toBe(false);
    expect(view.$("[data-poc-gate=suspend]")).toBeNull();
  });

  it.each([
    ["pending", verification({ inquiryStatus: "pending" }), "waits for the person to complete the verification"],
    ["under review", verification({ status: "needs_review", inquiryStatus: "needs_review" }), "waits for Persona's review"],
    ["declined", verification({ status: "declined" }), "needs a verified identity"],
    ["used", verified({ status: "used", usedFor: "unlock" }), "needs a verified identity"],
    ["verified for another action", verified({ for: "unlock" }), "for another action"],
  ])("says what it waits for when the verification is %s", async (_name, latest, words) => {
    const view = await renderUnderPolicy({ verifications: [latest] });
    expect(button(view, "reset_factors").disabled).toBe(true);
    expect(note(view, "reset_factors")).toContain(words);
  });

  it("does nothing even when its disabled attribute is taken away", async () => {
    const view = await renderUnderPolicy();
    button(view, "reset_factors").disabled = false;
    await view.click("button[data-action=reset_factors]");
    expect(view.$("[role=dialog]")).toBeNull();
    expect(view.sentOf("overlay.lifecycle")).toHaveLength(0);
  });

  it("runs with the verification once verified, and the panel then shows it used", async () => {
    const world = { verifications: [verified()] };
    const view = await renderUnderPolicy(world);
    expect(button(view, "reset_factors").disabled).toBe(false);
    expect(button(view, "reset_factors").dataset.gate).toBe("verified");
    expect(view.$("[data-poc-gate=reset_factors]")).toBeNull();
    await view.click("button[data-action=reset_factors]");
    world.verifications = [verified({ status: "used", usedFor: "reset_factors", usedBy: "ada@acme.test", usedAt: new Date().toISOString() })];
    await view.click("[data-poc=confirm]");
    expect(view.sentOf("overlay.lifecycle")).toEqual([{ userId: ADA, action: "reset_factors", verificationId: VER }]);
    expect(view.$("[data-poc=announce]")?.textContent).toContain("Reset all factors of Ada Lovelace");
    await flush();
    expect(view.state()).toBe("used");
    expect(button(view, "reset_factors").disabled).toBe(true);
  });

  it("sends the verification with a temporary access code too", async () => {
    const view = await renderUnderPolicy({ verifications: [verified()] });
    await view.click("button[data-action=temporary_access_code]");
    await view.click("[data-poc=confirm]");
    expect(view.sentOf("overlay.tac")).toEqual([{ userId: ADA, verificationId: VER }]);
  });

  it("announces the worker's refusal with what to do next", async () => {
    const view = await renderUnderPolicy({
      verifications: [verified()],
      lifecycle: () => ({
        ok: false,
        error: { code: "verification_mismatch", message: "what Persona verified differs from the Okta profile (name-last)", status: 403, requestId: "r-3" },
      }),
    });
    await view.click("button[data-action=reset_factors]");
    await view.click("[data-poc=confirm]");
    const text = view.$("[data-poc=announce]")?.textContent ?? "";
    expect(text).toContain("differs from the Okta profile (name-last)");
    expect(text).toContain("verify the person again");
    expect(text).toContain("[verification_mismatch; request r-3]");
  });
});

describe("an admin's override", () => {
  it("is offered to an admin only", async () => {
    const operator = await renderUnderPolicy({ role: "operator" });
    expect(operator.$("button[data-override]")).toBeNull();
    operator.unmount();
    const admin = await renderUnderPolicy({ role: "admin" });
    expect(admin.$$("button[data-override]").map((element) => element.dataset.override)).toEqual(["reset_factors", "temporary_access_code"]);
  });

  it("asks for a reason in a labelled field, focused, and refuses one under 10 characters once trimmed", async () => {
    const view = await renderUnderPolicy({ role: "admin" });
    await view.click("button[data-override=reset_factors]");
    const dialog = view.$("[data-poc=override-dialog]");
    expect(dialog?.getAttribute("role")).toBe("dialog");
    expect(dialog?.getAttribute("aria-modal")).toBe("true");
    expect(view.$(`#${dialog?.getAttribute("aria-labelledby")}`)?.textContent).toContain("Override the verification: Reset all factors: Ada Lovelace");
    const reason = view.$("[data-poc=override-reason]") as HTMLTextAreaElement;
    expect(reason.closest("label")?.textContent).toContain("Reason (10 characters or more)");
    expect(document.activeElement).toBe(reason);
    const confirm = () => view.$("[data-poc=confirm]") as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    await view.type("[data-poc=override-reason]", "  too short  ");
    await flush();
    expect(confirm().disabled).toBe(true);
    await view.click("[data-poc=confirm]");
    expect(view.sentOf("overlay.lifecycle")).toHaveLength(0);
  });

  it("holds the reason to the worker's own bounds (the content script cannot import the schema)", () => {
    const accepted = (length: number) => OverrideReasonSchema.safeParse("r".repeat(length)).success;
    expect([OVERRIDE_REASON_MIN - 1, OVERRIDE_REASON_MIN, OVERRIDE_REASON_MAX, OVERRIDE_REASON_MAX + 1].map(accepted)).toEqual([false, true, true, false]);
  });

  it("sends the trimmed reason instead of a verification, and says the action was an override", async () => {
    const view = await renderUnderPolicy({ role: "admin" });
    await view.click("button[data-override=reset_factors]");
    await view.type("[data-poc=override-reason]", "  CEO locked out before board call; verified by video  ");
    await flush();
    await view.click("[data-poc=confirm]");
    expect(view.sentOf("overlay.lifecycle")).toEqual([
      { userId: ADA, action: "reset_factors", overrideReason: "CEO locked out before board call; verified by video" },
    ]);
    expect(view.$("[role=dialog]")).toBeNull();
    expect(view.$("[data-poc=announce]")?.textContent).toContain("Recorded as an override");
  });

  it("closes on Escape, sending nothing", async () => {
    const view = await renderUnderPolicy({ role: "admin" });
    await view.click("button[data-override=temporary_access_code]");
    view.$("[role=dialog]")?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    await flush();
    expect(view.$("[role=dialog]")).toBeNull();
    expect(view.sentOf("overlay.tac")).toHaveLength(0);
  });

  it("ignores an Override pressed by a page script", async () => {
    const view = await renderUnderPolicy({ role: "admin" });
    await view.click("button[data-override=reset_factors]", "untrusted");
    expect(view.$("[role=dialog]")).toBeNull();
  });
});

describe("error wording for verified recovery", () => {
  const error = (code: string, message: string) => describeError({ code, message, status: 409, requestId: "r-1" });

  it.each([
    ["verification_required", "verify the person who asked first (an admin may override)"],
    ["verification_declined", "verify the person again"],
    ["verification_expired", "verify the person again"],
    ["verification_used", "verify the person again"],
    ["verification_pending", "wait until the person has completed it"],
    ["verification_not_configured", "an admin sets up verified recovery in the companion's options"],
  ])("%s says what to do next, after the worker's message", (code, next) => {
    expect(error(code, "the worker's words")).toBe(`the worker's words — ${next} [${code}; request r-1]`);
  });

  it("leaves other codes as they were", () => {
    expect(error("okta_conflict", "Okta refused")).toBe("Okta refused [okta_conflict; request r-1]");
  });
});
