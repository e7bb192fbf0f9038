/**
 * Persona's search reads an index that lags writes by about a minute (docs/persona.md §1.3, "Search": never used to
 * read back a write). The index keeps a snapshot of each record per write; a search sees, for every record, the
 * newest snapshot at least `lagMs` old. With a lag of 0 search sees every write at once. `flush()` makes everything
 * written so far visible, as if the lag had passed.
 */

interface Version<T> {
  atMs: number;
  snapshot: T;
}

export class SearchIndex<T extends { id: string }> {
  private versions = new Map<string, Array<Version<T>>>();

  /** Records a write (a seed, a patch, an API change). */
  put(record: T, atMs: number): void {
    const list = this.versions.get(record.id) ?? [];
    list.push({ atMs, snapshot: structuredClone(record) });
    this.versions.set(record.id, list);
  }

  /** The records as search sees them at `nowMs`. */
  visible(nowMs: number, lagMs: number): T[] {
    const cutoff = nowMs - lagMs;
    const out: T[] = [];
    for (const list of this.versions.values()) {
      let index = -1;
      for (let i = 0; i < list.length; i++) if (list[i]!.atMs <= cutoff) index = i;
      if (index < 0) continue;
      if (index > 0) list.splice(0, index); // older snapshots can never be visible again
      out.push(structuredClone(list[0]!.snapshot));
    }
    return out;
  }

  flush(): void {
    for (const [id, list] of this.versions) this.versions.set(id, [{ atMs: Number.NEGATIVE_INFINITY, snapshot: list[list.length - 1]!.snapshot }]);
  }
}
