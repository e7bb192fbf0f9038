import { browser } from "wxt/browser";

/**
 * The overlay's remembered UI state, the only storage the content script touches. Plain `storage.local` rather
 * than WXT's storage helper: this module ships in the content script, and the helper would cost a fifth of its
 * 20 KB gzip budget for one boolean. Settings and the session live in the background (background/session-store.ts);
 * the token is in `storage.session`, which content scripts cannot read.
 */
const KEY = "overlayPrefs";

export interface OverlayPrefs {
  collapsed: boolean;
}

function parse(value: unknown): OverlayPrefs {
  return { collapsed: typeof value === "object" && value !== null && (value as { collapsed?: unknown }).collapsed === true };
}

export const overlayPrefs = {
  async getValue(): Promise<OverlayPrefs> {
    const stored = await browser.storage.local.get(KEY);
    return parse(stored[KEY]);
  },
  async setValue(prefs: OverlayPrefs): Promise<void> {
    await browser.storage.local.set({ [KEY]: { collapsed: prefs.collapsed } });
  },
  /** Calls `onChange` when any tab changes the prefs; returns the unsubscribe function. */
  watch(onChange: (prefs: OverlayPrefs) => void): () => void {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === "local" && KEY in changes) onChange(parse(changes[KEY]?.newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
