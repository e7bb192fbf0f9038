import { useEffect, useState } from "preact/hooks";
import { overlayPrefs } from "../lib/storage-items";
import { Overlay } from "./overlay";
import type { Send } from "./overlay-port";

/** The overlay with its remembered collapsed state (shared by every tab, changed by the button or Alt+Shift+P). */
export function OverlayApp({ userId, send, initiallyCollapsed }: { userId: string; send: Send; initiallyCollapsed: boolean }) {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  useEffect(() => overlayPrefs.watch((prefs) => setCollapsed(prefs.collapsed)), []);
  const change = (next: boolean) => {
    setCollapsed(next);
    void overlayPrefs.setValue({ collapsed: next });
  };
  return <Overlay key={userId} userId={userId} send={send} collapsed={collapsed} onCollapsedChange={change} />;
}
