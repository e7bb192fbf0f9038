/**
 * A counting semaphore with a deadline: at most `max` holders at once, the rest wait in arrival order. Okta caps
 * the requests in flight per org (docs/okta.md), and its 429 for that limit carries no useful reset, so the org's
 * gate keeps its own calls under a share of it instead of finding out.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  /** Holders and waiters now (for tests and the bench). */
  get inUse(): number {
    return this.active;
  }

  /**
   * Resolves with a release function once a slot is free; null when none frees up within `waitMs` (the waiter is
   * then dropped from the queue, so it can never take a slot it no longer wants).
   */
  acquire(waitMs: number): Promise<(() => void) | null> {
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        this.active++;
        resolve(this.releaser());
      };
      const timer = setTimeout(
        () => {
          const index = this.waiting.indexOf(grant);
          if (index >= 0) this.waiting.splice(index, 1);
          resolve(null);
        },
        Math.max(0, waitMs),
      );
      this.waiting.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
  }
}
