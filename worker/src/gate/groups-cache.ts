import type { OktaUserSummary } from "../../../shared/persona";
import { lastHookDelivery, markHookDelivery } from "../storage/org-store/meta";

type Groups = OktaUserSummary["groups"];

/** The hook counts as delivering when it delivered within this long (Okta sends every subscribed event). */
export const HOOK_FRESH_MS = 24 * 3600_000;
/** A user's groups are kept at most this long, even with the hook delivering. */
export const GROUPS_TTL_MS = 10 * 60_000;

/**
 * Users' Okta groups, kept by the gate only while the organization's event hook is delivering
 * (docs/okta-event-hook.md): then a change of membership reaches us as an event, which drops the entry, as do our
 * own writes on the user. Without a delivering hook nothing is kept and every context view reads the groups. The
 * user's status is never cached.
 */
export class GroupsCache {
  private readonly entries = new Map<string, { groups: Groups; atMs: number }>();
  /** The hook's last delivery: read from storage once, then kept current by {@link delivered}. */
  private lastDeliveryMs: number | null | undefined;

  constructor(private readonly sql: SqlStorage) {}

  /** The hook delivered: recorded durably (it outlives the object) and in memory (read on every context view). */
  delivered(nowMs: number): void {
    markHookDelivery(this.sql, nowMs);
    this.lastDeliveryMs = nowMs;
  }

  private active(nowMs: number): boolean {
    if (this.lastDeliveryMs === undefined) this.lastDeliveryMs = lastHookDelivery(this.sql);
    return this.lastDeliveryMs !== null && nowMs - this.lastDeliveryMs < HOOK_FRESH_MS;
  }

  get(userId: string, nowMs: number): Groups | null {
    if (!this.active(nowMs)) return null;
    const entry = this.entries.get(userId);
    if (!entry || nowMs - entry.atMs >= GROUPS_TTL_MS) return null;
    return entry.groups;
  }

  put(userId: string, groups: Groups, nowMs: number): void {
    if (this.active(nowMs)) this.entries.set(userId, { groups, atMs: nowMs });
  }

  forget(userId?: string): void {
    if (userId === undefined) this.entries.clear();
    else this.entries.delete(userId);
  }
}
