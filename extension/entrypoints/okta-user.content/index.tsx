import { render } from "preact";
import { browser } from "wxt/browser";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { createShadowRootUi } from "wxt/utils/content-script-ui/shadow-root";
import { defineContentScript } from "wxt/utils/define-content-script";
import { send } from "../../lib/messages";
import { CONTENT_INCLUDE_GLOBS, CONTENT_MATCHES } from "../../lib/okta-page";
import { overlayPrefs } from "../../lib/storage-items";
import { followUserPages, type MountedOverlay } from "../../overlay/follow-user-pages";
// Inlined into the script and handed to the shadow root: WXT's "ui" mode would fetch the CSS file at every mount,
// which measured ~95 ms of the panel's ~200 ms (bench/extension).
import overlayCss from "../../overlay/overlay.css?inline";
import { OverlayApp } from "../../overlay/overlay-app";
import { overlayShadowMode } from "../../overlay/shadow-root-mode";
import { toggleCommandListener } from "../../overlay/toggle-command";

/** Where the panel goes: under the user's name, pushing the console down rather than covering it (docs/okta.md §4). */
const ANCHOR_SELECTOR = ".subheader";
const ANCHOR_WAIT_MS = 3_000;

export default defineContentScript({
  // Okta's servers, narrowed to the `<org>-admin` hosts by include_globs: a match pattern cannot say `*-admin`.
  matches: CONTENT_MATCHES,
  includeGlobs: CONTENT_INCLUDE_GLOBS,
  // At document_end (DOM parsed), not document_idle (which Chrome may delay until load): the panel waits for its
  // anchor itself, and the admin should not wait for the console's images and scripts to see the case.
  runAt: "document_end",
  cssInjectionMode: "manual",
  main(ctx) {
    const pages = followUserPages({ location: () => window.location, mount: (userId) => mountOverlay(ctx, userId) });
    void pages.sync();
    // WXT polls for history changes (the console is partly a single-page app); hash tabs and back/forward too.
    ctx.addEventListener(window, "wxt:locationchange", () => void pages.sync());
    ctx.addEventListener(window, "hashchange", () => void pages.sync());
    ctx.addEventListener(window, "popstate", () => void pages.sync());

    const onMessage = toggleCommandListener(browser.runtime.id, overlayPrefs);
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      void pages.stop();
    });
  },
});

async function mountOverlay(ctx: ContentScriptContext, userId: string): Promise<MountedOverlay> {
  // Ask for the user's context first: the worker's answer travels while the panel is being mounted.
  const prefetched = send("overlay.context", { userId });
  const [anchor, prefs] = await Promise.all([waitForAnchor(ctx), overlayPrefs.getValue()]);
  const ui = await createShadowRootUi(ctx, {
    name: "persona-okta-companion",
    css: overlayCss,
    position: "inline",
    anchor: anchor ?? document.body,
    append: anchor ? "after" : "last",
    // Closed in the release build, so the console's scripts cannot read the panel or reach its buttons.
    mode: overlayShadowMode(import.meta.env.POC_DEV_BUILD),
    // Keystrokes typed in the panel (the login to confirm a deactivation) must not reach the console's shortcuts.
    isolateEvents: true,
    onMount(container, _shadow, host) {
      if (!anchor) host.setAttribute("data-docked", "");
      // The page's host, for the tenant check: actions only on the console of the Okta org that answered.
      render(
        <OverlayApp userId={userId} consoleHost={window.location.hostname} send={send} initiallyCollapsed={prefs.collapsed} prefetched={prefetched} />,
        container,
      );
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
    },
  });
  ui.mount();
  return ui;
}

/** The console renders the header late on some pages: wait a little for it, then dock the panel instead. */
async function waitForAnchor(ctx: ContentScriptContext): Promise<Element | null> {
  const deadline = Date.now() + ANCHOR_WAIT_MS;
  while (!ctx.isInvalid) {
    const anchor = document.querySelector(ANCHOR_SELECTOR);
    if (anchor || Date.now() >= deadline) return anchor;
    await new Promise<void>((resolve) => ctx.setTimeout(resolve, 100));
  }
  return null;
}
