import { storage } from "wxt/utils/storage";

/**
 * Storage the content script may read: UI preferences only. Settings and the session live in the background's
 * items (background/session-store.ts); `storage.session` is not readable by content scripts by default, which is
 * where the token is kept.
 */
export const overlayPrefs = storage.defineItem<{ collapsed: boolean }>("local:overlayPrefs", {
  fallback: { collapsed: false },
  version: 1,
});
