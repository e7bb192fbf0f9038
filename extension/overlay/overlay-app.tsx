import { useEffect, useState } from "preact/hooks";
import type { UserContext } from "../../shared/persona";
import type { Reply } from "../lib/protocol";
import { overlayPrefs } from "../lib/storage-items";
import { Overlay } from "./overlay";
import type { Send } from "./overlay-port";

/** The overlay with its remembered collapsed state (shared by every tab, changed by the button or Alt+Shift+P). */
export function OverlayApp({
  userId,
  consoleHost,
  send,
  initiallyCollapsed,
  prefetched,
}: {
  userId: string;
  consoleHost: string;
  send: Send;
  initiallyCollapsed: boolean;
  prefetched?: Promise<Reply<UserContext>>;
}) {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  useEffect(() => overlayPrefs.watch((prefs) => setCollapsed(prefs.collapsed)), []);
  const change = (next: boolean) => {
    setCollapsed(next);
    void overlayPrefs.setValue({ collapsed: next });
  };
  return (
    <Overlay key={userId} userId={userId} consoleHost={consoleHost} send={send} collapsed={collapsed} onCollapsedChange={change} prefetched={prefetched} />
  );
}
