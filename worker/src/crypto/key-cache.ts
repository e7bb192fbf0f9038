/**
 * Imported private keys, per isolate: importing a sealed key means opening it and `importKey`, so each is done once.
 * Bounded so that an isolate serving many organizations does not hoard keys; the oldest entry goes first. A load
 * that fails (e.g. ENCRYPTION_KEYS lost the key's version) is not kept: the next call tries again.
 */
export class KeyCache {
  private readonly entries = new Map<string, Promise<CryptoKey>>();

  constructor(private readonly max: number) {}

  get(cacheKey: string, load: () => Promise<CryptoKey>): Promise<CryptoKey> {
    const hit = this.entries.get(cacheKey);
    if (hit) return hit;
    const pending = load();
    pending.catch(() => this.entries.delete(cacheKey));
    this.entries.set(cacheKey, pending);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return pending;
  }

  /** Drops every entry whose key `matches` (a deleted credential or key). */
  forget(matches: (cacheKey: string) => boolean): void {
    for (const cacheKey of this.entries.keys()) if (matches(cacheKey)) this.entries.delete(cacheKey);
  }
}
