import { browser } from "wxt/browser";
import { storage } from "wxt/utils/storage";
import { z } from "zod";
import { ExtensionTokenResponseSchema } from "../../shared/extension";
import type { SessionView } from "../lib/protocol";
import { type Settings, SettingsSchema } from "../lib/settings-schema";

/**
 * The background's own storage. Settings (worker origin, organization) are not secret and live in
 * `storage.local`. The bearer session lives in `storage.session`: in memory only (never written to disk, gone when
 * the browser closes) and, with the access level set in `lockSessionStorage`, unreadable by content scripts.
 */
const StoredSessionSchema = ExtensionTokenResponseSchema.extend({ workerUrl: z.string() });
export type StoredSession = z.infer<typeof StoredSessionSchema>;

const settingsItem = storage.defineItem<unknown>("local:settings", { fallback: null, version: 1 });
const sessionItem = storage.defineItem<unknown>("session:auth", { fallback: null, version: 1 });

/**
 * Content scripts must never read the token: Chrome's default already says so, this makes it explicit. Firefox has
 * no setAccessLevel and never exposes `storage.session` to content scripts.
 */
export async function lockSessionStorage(): Promise<void> {
  const area = browser.storage.session as Partial<Pick<typeof browser.storage.session, "setAccessLevel">>;
  await area.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => undefined);
}

/** The saved settings, re-validated on every read (storage is outside our code's control). */
export async function readSettings(): Promise<Settings | null> {
  const parsed = SettingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : null;
}

export async function writeSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settings);
}

/** The session, if one is stored, still valid by its expiry, and for the saved worker and organization. */
export async function readSession(nowMs = Date.now()): Promise<StoredSession | null> {
  const parsed = StoredSessionSchema.safeParse(await sessionItem.getValue());
  if (!parsed.success) return null;
  if (Date.parse(parsed.data.expiresAt) <= nowMs) {
    await clearSession();
    return null;
  }
  return parsed.data;
}

export async function writeSession(session: StoredSession): Promise<void> {
  await sessionItem.setValue(session);
}

export async function clearSession(): Promise<void> {
  await sessionItem.removeValue();
}

/** What the UI may see of a session: everything but the token. */
export function sessionView(session: StoredSession): SessionView {
  return { email: session.email, role: session.role, orgId: session.orgId, expiresAt: session.expiresAt, workerUrl: session.workerUrl };
}
