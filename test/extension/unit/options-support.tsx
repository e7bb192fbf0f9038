import { render } from "preact";
import { afterEach, beforeEach, vi } from "vitest";
import { fakeBrowser } from "wxt/testing";
import { send } from "../../../extension/lib/messages";
import type { SessionView } from "../../../extension/lib/protocol";

/*
 * What the options-page and popup tests share. The pages talk to the background only through send(), which each
 * test file replaces itself, since vi.mock is hoisted only in the file that calls it:
 *   vi.mock("../../../extension/lib/messages", () => ({ send: vi.fn() }));
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
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.identity, "getRedirectURL").mockReturnValue(`https://${fakeBrowser.runtime.id}.chromiumapp.org/`);
    container = document.createElement("div");
    document.body.append(container);
  });
  afterEach(() => {
    render(null, container);
    container.remove();
    vi.restoreAllMocks();
  });
}

export const session = (role: SessionView["role"]): SessionView => ({ email: "ada@acme.test", role, orgId: "acme", expiresAt: "2031-01-02T03:04:05.000Z", workerUrl: "https://companion.example.com" });

export const $ = <E extends Element = HTMLElement>(selector: string) => container.querySelector<E>(selector);
export const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];

/** Waits until `find` gives something, and gives it. */
export const until = <T,>(find: () => T | null | undefined) =>
  vi.waitFor(() => {
    const found = find();
    if (!found) throw new Error("not yet");
    return found;
  });
