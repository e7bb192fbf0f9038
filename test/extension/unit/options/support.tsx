import { render } from "preact";
import { afterEach, beforeEach, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { send } from "../../../../extension/lib/messages";
import type { ApiCall, SessionView } from "../../../../extension/lib/protocol";

/*
 * What the options-page and popup tests share. The pages talk to the background only through send(), which each
 * test file replaces itself, since vi.mock is hoisted only in the file that calls it:
 *   vi.mock("../../../../extension/lib/messages", () => ({ send: vi.fn() }));
 */
export const sendMock = vi.mocked(send);

/** The element each test renders into; a fresh one per test (see setUpPage). */
export let container: HTMLElement;

/**
 * Registers the per-test set-up of a page test: send's mock and WXT's fake browser reset (with a redirect URL, which
 * the fake lacks), a fresh container in the document; afterwards the page unmounted and every spy restored.
 */
export function setUpPage(): void {
  beforeEach(() => {
    sendMock.mockReset();
    apiCalls.length = 0;
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.identity, "getRedirectURL").mockReturnValue(`https://${fakeBrowser.runtime.id}.chromiumapp.org/`);
    container = document.createElement("div");
    document.body.append(container);
  });
  afterEach(() => {
    render(null, container);
    container.remove();
    vi.restoreAllMocks();
    // The console follows the hash (#okta …): each test starts on Setup.
    history.replaceState(null, "", window.location.pathname);
  });
}

export const session = (role: SessionView["role"]): SessionView => ({
  email: "ada@acme.test",
  role,
  orgId: "acme",
  expiresAt: "2031-01-02T03:04:05.000Z",
  workerUrl: "https://companion.example.com",
});

export const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
export const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];

/** Waits until `find` gives something, and gives it. */
export const until = <T,>(find: () => T | null | undefined) =>
  vi.waitFor(() => {
    const found = find();
    if (!found) throw new Error("not yet");
    return found;
  });

export type Answer = { status: number; body: unknown };
type Route = Answer | ((call: ApiCall) => Answer);

/** Every `api.call` the page made through `backend`, in order; emptied before each test (setUpPage). */
export const apiCalls: ApiCall[] = [];

/** The background, answering `api.call` from a table of `METHOD /path` routes; anything else is a 404. */
export function backend(session: SessionView | null, routes: Record<string, Route>) {
  sendMock.mockImplementation((async (type: string, payload: unknown) => {
    if (type === "settings.get") return { ok: true, data: { workerUrl: "https://companion.example.com", orgId: "acme" } };
    if (type === "session.get") return { ok: true, data: session };
    if (type !== "api.call") return { ok: false, error: { code: "invalid_message", message: type, status: null, requestId: null } };
    const call = payload as ApiCall;
    apiCalls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = typeof route === "function" ? route(call) : (route ?? { status: 404, body: workerError("route_not_found", "no such route") });
    return { ok: true, data: answer };
  }) as typeof send);
}

/** A worker error body (shared/errors.ts ErrorBodySchema), always with the request ID `req-42`. */
export const workerError = (code: string, message: string, details?: Record<string, unknown>) => ({
  error: { code, message, requestId: "req-42", ...(details ? { details } : {}) },
});

/** Follows a link to a console section (`#okta`), as the browser does: the hash changes, then `hashchange` fires. */
export function goTo(hash: string) {
  history.replaceState(null, "", `${window.location.pathname}${hash}`);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/** Sets the named fields of a form, as typing would. */
export function fill(form: HTMLFormElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
    field.value = value;
  }
}
