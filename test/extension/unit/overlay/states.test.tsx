import { afterEach, describe, expect, it } from "vitest";
import { adaContext, fakeSend, renderOverlay } from "./support";

afterEach(() => {
  document.body.replaceChildren();
});

const failure = (code: string, message = "x", extra: Record<string, unknown> = {}) => ({
  ok: false as const,
  error: { code, message, status: null, requestId: null, ...extra },
});

describe("overlay states", () => {
  it("shows loading until the context arrives", async () => {
    const { send } = fakeSend({ "overlay.context": () => new Promise(() => undefined) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=overlay]")?.dataset.state).toBe("loading");
    expect(view.$("[data-poc=loading]")?.getAttribute("aria-busy")).toBe("true");
  });

  it("shows the case badge, name, assignee, age and dashboard link, Okta status and groups", async () => {
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=overlay]")?.dataset.state).toBe("ready");
    expect(view.$("[data-poc=case-badge]")?.textContent).toBe("Open");
    expect(view.$("[data-poc=case-name]")?.textContent).toBe("KYC review – Ada Lovelace");
    expect(view.container.textContent).toContain("Assigned to reviewer@acme.test");
    expect(view.container.textContent).toContain("opened 2 days ago");
    expect(view.$("[data-poc=case-link]")?.getAttribute("href")).toBe("https://app.withpersona.com/dashboard/cases/case_1");
    expect(view.$("[data-poc=case-link]")?.getAttribute("rel")).toContain("noopener");
    expect(view.$("[data-poc=okta-status]")?.textContent).toBe("ACTIVE");
    expect(view.$$("[data-poc=groups] li").map((li) => li.textContent)).toEqual(["Engineering"]);
    expect(view.$$("[data-poc=inquiries] li")).toHaveLength(1);
  });

  it("says so when the user has no Persona account", async () => {
    const context = adaContext();
    context.persona = { ...context.persona, matchedBy: null, account: null, cases: [], inquiries: [] };
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: context }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=persona-empty]")?.textContent).toContain("No Persona account for this user");
    expect(view.$("[data-poc=case-badge]")).toBeNull();
  });

  it("shows Persona's failure apart from Okta's answer", async () => {
    const context = adaContext();
    context.persona = {
      ...context.persona,
      account: null,
      cases: [],
      inquiries: [],
      error: { code: "persona_rate_limited", message: "Persona is rate limiting" },
    };
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: context }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=persona-error]")?.textContent).toContain("persona_rate_limited");
    expect(view.$("[data-poc=okta-status]")?.textContent).toBe("ACTIVE");
  });

  it("never guesses between several matching accounts", async () => {
    const context = adaContext();
    context.persona = {
      ...context.persona,
      ambiguous: true,
      account: null,
      accounts: [context.persona.account!, { ...context.persona.account!, id: "act_2" }],
      cases: [],
    };
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: context }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=persona-ambiguous]")).not.toBeNull();
    expect(view.$("[data-poc=case-badge]")).toBeNull();
  });

  it("shows an error state with the code and request ID, and retries", async () => {
    let calls = 0;
    const { send } = fakeSend({
      "overlay.context": () =>
        ++calls === 1 ? failure("network_error", "the worker is unreachable", { requestId: "req-7" }) : { ok: true, data: adaContext() },
    });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=overlay]")?.dataset.state).toBe("error");
    expect(view.$("[data-poc=error]")?.textContent).toContain("network_error");
    expect(view.$("[data-poc=error]")?.textContent).toContain("req-7");
    await view.click("[data-poc=error] button");
    expect(view.$("[data-poc=overlay]")?.dataset.state).toBe("ready");
  });

  it("asks to sign in when signed out, and opens the options to do it", async () => {
    const { send, sent } = fakeSend({ "overlay.context": () => failure("not_signed_in"), "options.open": () => ({ ok: true, data: {} }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=overlay]")?.dataset.state).toBe("signed-out");
    await view.click("[data-poc=sign-in]");
    expect(sent.map((message) => message.type)).toContain("options.open");
  });

  it("asks to set up when nothing is configured", async () => {
    const { send } = fakeSend({ "overlay.context": () => failure("not_configured", "set the worker URL") });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=overlay]")?.dataset.state).toBe("not-configured");
    expect(view.$("[data-poc=open-options]")).not.toBeNull();
  });

  it("renders hostile Persona text as text, never as markup", async () => {
    const context = adaContext();
    const payload = `<img src=x onerror="globalThis.pwned=1">`;
    context.persona.cases[0] = { ...context.persona.cases[0]!, name: payload, assigneeId: payload, status: payload };
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: context }) });
    const view = await renderOverlay(send);
    expect(view.container.querySelector("img")).toBeNull();
    expect(view.$("[data-poc=case-name]")?.textContent).toBe(payload);
  });

  it("collapses on request and reports the new state", async () => {
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=collapse]")?.getAttribute("aria-expanded")).toBe("true");
    await view.click("[data-poc=collapse]");
    expect(view.onCollapsedChange).toHaveBeenCalledWith(true);
    const collapsed = await renderOverlay(send, { collapsed: true });
    expect(collapsed.$("[data-poc=case-badge]")).toBeNull();
    expect(collapsed.$("[data-poc=collapse]")?.getAttribute("aria-expanded")).toBe("false");
  });

  it("paints the answer asked for while mounting, and asks the background again only on refresh", async () => {
    const { send, sent } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext({ allowedActions: [] }) }) });
    const view = await renderOverlay(send, { prefetched: Promise.resolve({ ok: true, data: adaContext() }) });
    expect(view.$("[data-poc=case-badge]")?.textContent).toBe("Open");
    expect(sent).toHaveLength(0);
    await view.click("[data-poc=refresh]");
    expect(sent.map((message) => message.type)).toEqual(["overlay.context"]);
    expect(view.$$("button[data-action]")).toHaveLength(0);
  });

  it("has a polite live region for announcements", async () => {
    const { send } = fakeSend({ "overlay.context": () => ({ ok: true, data: adaContext() }) });
    const view = await renderOverlay(send);
    expect(view.$("[data-poc=announce]")?.getAttribute("aria-live")).toBe("polite");
  });
});
