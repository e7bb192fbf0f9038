/** Remembers one-time identifiers (client assertion and DPoP proof `jti`s) until they could no longer be valid. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  /** Records `key` until `expiresMs`; false if it was already recorded (a replay). */
  use(key: string, expiresMs: number, nowMs: number): boolean {
    if (!this.peek(key, nowMs)) return false;
    this.seen.set(key, Math.max(expiresMs, nowMs + 1000));
    return true;
  }

  /** True if `key` is not (or no longer) recorded. */
  peek(key: string, nowMs: number): boolean {
    this.prune(nowMs);
    const until = this.seen.get(key);
    return until === undefined || until <= nowMs;
  }

  private prune(nowMs: number): void {
    if (this.seen.size < 1000) return;
    for (const [key, until] of this.seen) if (until <= nowMs) this.seen.delete(key);
  }
}
