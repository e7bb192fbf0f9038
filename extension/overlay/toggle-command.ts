import type { TabMessage } from "../lib/protocol";
import type { OverlayPrefs } from "../lib/storage-items";

/**
 * The content script's one incoming message: the background relaying the keyboard command (Alt+Shift+P) to show or
 * hide the panel. Anything not from our own extension, or not that message, is ignored: the page's other
 * extensions (or a compromised one) must not drive the panel.
 */
export function toggleCommandListener(
  extensionId: string,
  prefs: { getValue: () => Promise<OverlayPrefs>; setValue: (prefs: OverlayPrefs) => Promise<void> },
): (message: unknown, sender: { id?: string }) => void {
  return (message, sender) => {
    if (sender.id !== extensionId) return;
    if ((message as TabMessage | null)?.type !== "overlay.toggle") return;
    void prefs.getValue().then((current) => prefs.setValue({ collapsed: !current.collapsed }));
  };
}
