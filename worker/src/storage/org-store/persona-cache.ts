import type { CachedPersona } from "../../../../shared/persona";

/** How long a Persona half is reused: short, since cases move; an action on the user forgets it at once. */
export const PERSONA_CACHE_TTL_MS = 60_000;
const PERSONA_CACHE_MAX_ENTRIES = 500;

/**
 * The Persona half of user contexts, by Okta user ID, for {@link PERSONA_CACHE_TTL_MS}: repeated page views must
 * not spend the environment's 300 requests/min. In memory only (never persisted: it is a copy of Persona's data,
 * lost harmlessly when the Durable Object is evicted); the Durable Object is one instance per organization, so
 * every isolate sees the same entries and an invalidation takes effect everywhere at once.
 */
export class PersonaCache {
  /** In insertion order, which {@link put} keeps as least-recently-stored first, for eviction. */
  private readonly entries = new Map<string, { value: CachedPersona; expiresAtMs: number }>();
  /** Bumped by every invalidation: a lookup that started before one must not store what it fetched. */
  private epoch = 0;

  /** A fresh cached Persona half for this Okta user, or null; `epoch` goes back to {@link put}. */
  get(oktaUserId: string, nowMs: number): { value: CachedPersona | null; epoch: number } {
    const entry = this.entries.get(oktaUserId);
    if (entry && entry.expiresAtMs <= nowMs) this.entries.delete(oktaUserId);
    return { value: entry && entry.expiresAtMs > nowMs ? entry.value : null, epoch: this.epoch };
  }

  /**
   * Stores what a lookup fetched, unless an invalidation happened since it read `epoch` (an action on the user
   * while Persona was being asked: the answer may predate it). The oldest entries go first beyond the bound.
   */
  put(oktaUserId: string, epoch: number, value: CachedPersona, nowMs: number): boolean {
    if (epoch !== this.epoch) return false;
    this.entries.delete(oktaUserId);
    this.entries.set(oktaUserId, { value, expiresAtMs: nowMs + PERSONA_CACHE_TTL_MS });
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= PERSONA_CACHE_MAX_ENTRIES && entry.expiresAtMs > nowMs) break;
      this.entries.delete(key);
    }
    return true;
  }

  /** Forgets one user's cached Persona half (after an action on them), or every user's (the connection changed). */
  invalidate(oktaUserId?: string): void {
    this.epoch++;
    if (oktaUserId === undefined) this.entries.clear();
    else this.entries.delete(oktaUserId);
  }
}
