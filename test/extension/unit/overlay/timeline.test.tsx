/**
 * The Timeline tab (docs/timeline.md): read only once opened, filtered by source at the worker, marked items with
 * their badges in words, where an Okta event came from, a notice per failing source that leaves the others shown
 * (a viewer's missing audit said quietly), "Load older" with the page's cursor, and the System Log query in Okta.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Reply } from "../../../../extension/lib/protocol";
import type { TimelinePage } from "../../../../shared/timeline";
import { ADA, adaContext, fakeSend, flush, renderOverlay } from "./support";
import { auditSuspend, factorReset, personaInquiry, romanianSignIn, timelinePage } from "./timeline-fixtures";

afterEach(() => {
  document.body.replaceChildren();
});

/** An overlay whose background answers the timeline with `pages` in turn (the last one again after that). */
async function withTimeline(pages: Array<Reply<TimelinePage>>, context = adaContext()) {
  let served = 0;
  const backend = fakeSend({
    "overlay.context": () => ({ ok: true, data: context }),
    "overlay.timeline": () => pages[Math.min(served++, pages.length - 1)]!,
  });
  const view = await renderOverlay(backend.send);
  const asked = () => backend.sent.filter((message) => message.type === "overlay.timeline").map((message) => message.payload);
  const ids = () => view.$$("[data-poc-item]").map((item) => item.dataset.pocItem);
  const open = () => view.click("[data-poc-tab=timeline]");
  return { ...view, asked, ids, open };
}

const ok = (page: TimelinePage): Reply<TimelinePage> => ({ ok: true, data: page });

describe("the Timeline tab", () => {
  it("is a tab beside the overview, which stays the default; the timeline is read only once it is opened", async () => {
    const view = await withTimeline([ok(timelinePage())]);
    expect(view.$("[data-poc-tab=overview]")?.getAttribute("aria-selected")).toBe("true");
    expect(view.$("[data-poc=okta-status]")).not.toBeNull();
    expect(view.asked()).toHaveLength(0);
    await view.open();
    expect(view.$("[data-poc-tab=timeline]")?.getAttribute("aria-selected")).toBe("true");
    expect(view.asked()).toEqual([{ userId: ADA, sources: ["okta", "persona", "audit"], limit: 25 }]);
    expect(view.ids()).toEqual(["okta:ev-3", "okta:ev-2", "persona:inq_1:completed", "audit:aud_1"]);
    // Back and forth keeps what was read: no second read of Okta's System Log.
    await view.click("[data-poc-tab=overview]");
    expect(view.$("[data-poc=timeline]")).toBeNull();
    await view.open();
    expect(view.asked()).toHaveLength(1);
    expect(view.ids()).toHaveLength(4);
  });

  it("shows each item's time, source, summary, actor and, for Okta, the IP, place and device", async () => {
    const view = await withTimeline([ok(timelinePage())]);
    await view.open();
    const signIn = view.$('[data-poc-item="okta:ev-3"]')!;
    expect(signIn.querySelector("time")?.textContent).toBe("2026-11-27 09:14 UTC");
    expect(signIn.querySelector("time")?.getAttribute("datetime")).toBe("2026-11-27T09:14:00.000Z");
    expect(signIn.textContent).toContain("Okta");
    expect(signIn.textContent).toContain("User login to Okta (Bucharest, Romania)");
    expect(signIn.textContent).toContain("by Ada Lovelace");
    expect(signIn.querySelector("[data-poc=ip]")?.textContent).toBe("IP 86.120.4.9");
    expect(signIn.querySelector("[data-poc=place]")?.textContent).toBe("Bucharest, Romania");
    expect(signIn.querySelector(".ua")?.getAttribute("title")).toContain("Firefox/128.0");
    // A success is not repeated as a badge; a failure is.
    expect(signIn.textContent).not.toContain("SUCCESS");
    expect(view.$('[data-poc-item="audit:aud_1"]')?.textContent).toContain("failure");
    expect(view.$('[data-poc-item="audit:aud_1"]')?.textContent).toContain("This product");
  });

  it("marks items with a badge per mark, in plain words", async () => {
    const view = await withTimeline([ok(timelinePage())]);
    await view.open();
    const badges = (id: string) => [...view.$(`[data-poc-item="${id}"]`)!.querySelectorAll<HTMLElement>("[data-mark]")].map((badge) => badge.textContent);
    expect(badges("okta:ev-3")).toEqual(["New country", "New device", "New IP address"]);
    expect(badges("okta:ev-2")).toEqual(["Factors reset"]);
    expect(badges("persona:inq_1:completed")).toEqual([]);
    expect(view.$('[data-poc-item="okta:ev-3"]')?.classList.contains("marked")).toBe(true);
    expect(view.$('[data-poc-item="persona:inq_1:completed"]')?.classList.contains("marked")).toBe(false);
  });

  it("links an item only to an https address", async () => {
    const page = timelinePage({ items: [romanianSignIn(), { ...personaInquiry(), link: "javascript:alert(1)" }] });
    const view = await withTimeline([ok(page)]);
    await view.open();
    const link = view.$('[data-poc-item="okta:ev-3"] a') as HTMLAnchorElement;
    expect(link.getAttribute("href")).toBe("https://acme-admin.okta.com/report/system_log_2?search=ev-3");
    expect(link.rel).toBe("noopener noreferrer");
    expect(view.$('[data-poc-item="persona:inq_1:completed"] a')).toBeNull();
  });

  it("renders a hostile System Log event as text, never as markup", async () => {
    // Whoever signs in as the user chooses the user agent; Okta passes it on as it came.
    const payload = `<img src=x onerror="globalThis.pwned=1">`;
    const hostile = romanianSignIn({
      summary: payload,
      outcome: payload,
      actor: { type: "User", id: ADA, displayName: payload },
      client: { ipAddress: payload, country: payload, city: payload, device: payload, userAgent: payload },
    });
    const view = await withTimeline([ok(timelinePage({ items: [hostile] }))]);
    await view.open();
    const item = view.$('[data-poc-item="okta:ev-3"]')!;
    expect(view.container.querySelector("img")).toBeNull();
    expect(item.querySelector("[data-poc=ip]")?.textContent).toBe(`IP ${payload}`);
    expect(item.textContent).toContain(`by ${payload}`);
    expect(item.querySelector("p")?.textContent).toContain(payload);
  });

  // The shared schema takes any URL for an item's link: the panel alone keeps a click from running or leaving https.
  it.each(["http://app.withpersona.com/dashboard/inquiries/inq_1", "data:text/html,<b>x</b>", "vbscript:msgbox(1)", "not a URL"])(
    "draws no link for an item whose link is %s, and still shows the item",
    async (link) => {
      const view = await withTimeline([ok(timelinePage({ items: [{ ...personaInquiry(), link }] }))]);
      await view.open();
      const item = view.$('[data-poc-item="persona:inq_1:completed"]')!;
      expect(item.textContent).toContain("Inquiry inq_1 completed");
      expect(item.querySelector("a")).toBeNull();
    },
  );

  it("links the full System Log query of the user in the credential's admin console, when it is known", async () => {
    const view = await withTimeline([ok(timelinePage())]);
    await view.open();
    const link = view.$("[data-poc=system-log-link]") as HTMLAnchorElement;
    const url = new URL(link.href);
    expect(`${url.origin}${url.pathname}`).toBe("https://acme-admin.okta.com/report/system_log_2");
    expect(url.searchParams.get("search")).toBe(`target.id eq "${ADA}" or actor.id eq "${ADA}"`);
    const unknownConsole = await withTimeline(
      [ok(timelinePage())],
      adaContext({ oktaTenant: { credentialId: "c", orgUrl: "https://acme.okta.com", adminConsoleHost: null } }),
    );
    await unknownConsole.open();
    expect(unknownConsole.$$("[data-poc=system-log-link]")).toHaveLength(0);
    expect(unknownConsole.ids()).toHaveLength(4);
  });

  it("filters by source at the worker, and keeps at least one source", async () => {
    const view = await withTimeline([ok(timelinePage()), ok(timelinePage({ items: [romanianSignIn(), factorReset()] }))]);
    await view.open();
    await view.click("[data-poc-filter=persona]");
    await view.click("[data-poc-filter=audit]");
    expect(view.asked().map((payload) => (payload as { sources: string[] }).sources)).toEqual([["okta", "persona", "audit"], ["okta", "audit"], ["okta"]]);
    expect(view.ids()).toEqual(["okta:ev-3", "okta:ev-2"]);
    const okta = view.$("[data-poc-filter=okta]") as HTMLInputElement;
    expect(okta.checked).toBe(true);
    expect(okta.disabled).toBe(true);
    await view.click("[data-poc-filter=persona]");
    expect((view.asked().at(-1) as { sources: string[] }).sources).toEqual(["okta", "persona"]);
  });

  it("names a failing source above the others, which are still shown", async () => {
    const page = timelinePage({
      items: [personaInquiry(), auditSuspend()],
      errors: { okta: { code: "okta_forbidden", message: "the credential may not read the System Log (okta.logs.read)" } },
    });
    const view = await withTimeline([ok(page)]);
    await view.open();
    const notice = view.$("[data-poc-source-error=okta]");
    expect(notice?.className).toBe("notice bad");
    expect(notice?.textContent).toContain("Okta's System Log could not be read");
    expect(notice?.textContent).toContain("[okta_forbidden]");
    expect(view.ids()).toEqual(["persona:inq_1:completed", "audit:aud_1"]);
  });

  it("says quietly that a viewer's role does not show this product's actions", async () => {
    const page = timelinePage({ items: [romanianSignIn()], errors: { audit: { code: "forbidden", message: "operators and admins only" } } });
    const view = await withTimeline([ok(page)], adaContext({ allowedActions: ["retrieve"], recentAudit: null }));
    await view.open();
    const note = view.$("[data-poc-source-error=audit]");
    expect(note?.className).toBe("hint");
    expect(note?.textContent).toBe("Your role does not show this product's actions on the user.");
    expect(view.$(".notice.bad")).toBeNull();
  });

  it("loads older items with the page's cursor, below the ones shown, until there are none", async () => {
    const view = await withTimeline([
      ok(timelinePage({ items: [romanianSignIn(), factorReset()], next: "cursor-1" })),
      ok(timelinePage({ items: [personaInquiry(), auditSuspend()], next: null })),
    ]);
    await view.open();
    expect(view.ids()).toEqual(["okta:ev-3", "okta:ev-2"]);
    await view.click("[data-poc=load-older]");
    expect(view.asked().at(-1)).toEqual({ userId: ADA, sources: ["okta", "persona", "audit"], limit: 25, after: "cursor-1" });
    expect(view.ids()).toEqual(["okta:ev-3", "okta:ev-2", "persona:inq_1:completed", "audit:aud_1"]);
    expect(view.$("[data-poc=load-older]")).toBeNull();
  });

  it("keeps what it shows when an older page fails, and says why", async () => {
    const view = await withTimeline([
      ok(timelinePage({ items: [romanianSignIn()], next: "cursor-1" })),
      { ok: false, error: { code: "network_error", message: "the worker is unreachable", status: null, requestId: null } },
    ]);
    await view.open();
    await view.click("[data-poc=load-older]");
    expect(view.ids()).toEqual(["okta:ev-3"]);
    expect(view.$("[data-poc=timeline-error]")?.textContent).toContain("the worker is unreachable [network_error]");
    expect((view.$("[data-poc=load-older]") as HTMLButtonElement).disabled).toBe(false);
  });

  it("says when there is nothing, and reads again on Refresh", async () => {
    const view = await withTimeline([ok(timelinePage({ items: [] })), ok(timelinePage())]);
    await view.open();
    expect(view.$("[data-poc=timeline-empty]")?.textContent).toContain("Nothing in the last 90 days");
    await view.click("[data-poc=refresh]");
    await flush();
    expect(view.asked()).toHaveLength(2);
    expect(view.ids()).toHaveLength(4);
  });
});
