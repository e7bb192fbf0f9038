import { describe, expect, it } from "vitest";
import type { OverlayPrefs } from "../../../../extension/lib/storage-items";
import { toggleCommandListener } from "../../../../extension/overlay/toggle-command";

function prefsStore(initial: OverlayPrefs) {
  let value = initial;
  return {
    getValue: async () => value,
    setValue: async (next: OverlayPrefs) => {
      value = next;
    },
    current: () => value,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the content script's toggle command", () => {
  it("flips the remembered collapsed state when our background asks", async () => {
    const prefs = prefsStore({ collapsed: false });
    const listener = toggleCommandListener("our-id", prefs);
    listener({ type: "overlay.toggle" }, { id: "our-id" });
    await settle();
    expect(prefs.current()).toEqual({ collapsed: true });
  });

  it("ignores another extension and any other message", async () => {
    const prefs = prefsStore({ collapsed: false });
    const listener = toggleCommandListener("our-id", prefs);
    listener({ type: "overlay.toggle" }, { id: "someone-else" });
    listener({ type: "overlay.toggle" }, {});
    listener({ type: "overlay.context", payload: {} }, { id: "our-id" });
    listener(null, { id: "our-id" });
    await settle();
    expect(prefs.current()).toEqual({ collapsed: false });
  });
});
