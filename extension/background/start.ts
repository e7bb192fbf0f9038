import { browser } from "wxt/browser";
import { originPermissionPattern } from "../lib/origin-permission";
import type { TabMessage } from "../lib/protocol";
import type { BackgroundDeps } from "./handlers";
import { route, type Sender } from "./router";
import { lockSessionStorage } from "./session-store";

/** The real browser behind the handlers' dependencies. */
export function browserDeps(): BackgroundDeps {
  return {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL("/").replace(/\/$/, ""),
    redirectUrl: browser.identity.getRedirectURL("auth"),
    launchWebAuthFlow: (details) => browser.identity.launchWebAuthFlow(details),
    hasOriginPermission: (origin) => browser.permissions.contains({ origins: [originPermissionPattern(origin)] }),
    openOptionsPage: () => browser.runtime.openOptionsPage(),
  };
}

/** Wires the background: the message router, and the keyboard command that toggles the overlay. */
export function startBackground(deps: BackgroundDeps = browserDeps()): void {
  void lockSessionStorage();
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => {
    void route(message, sender, deps).then(sendResponse);
    return true; // the reply is sent asynchronously
  });
  browser.commands?.onCommand.addListener((command: string) => {
    if (command !== "toggle-overlay") return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (tab?.id === undefined) return;
      const toggle: TabMessage = { type: "overlay.toggle" };
      // No content script on that tab (not an Okta admin page): nothing to toggle.
      browser.tabs.sendMessage(tab.id, toggle).catch(() => undefined);
    });
  });
}
