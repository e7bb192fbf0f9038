/** How many records a reseal pass rewrote, and how many were already sealed under the newest key. */
export type ResealCount = { resealed: number; unchanged: number };

/** Every KV key name under `prefix`, across pages. */
export async function listKeyNames(kv: KVNamespace, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, ...(cursor ? { cursor } : {}) });
    names.push(...page.keys.map((entry) => entry.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return names;
}

/**
 * The one reseal loop (step 2 of an ENCRYPTION_KEYS rotation, crypto/secret-box.ts): every record under `prefix`
 * is read, re-sealed under the newest key by `reseal` (null: it already was), and the changed ones written back,
 * then reported to `resealed` (an organization's gate, which must not keep the old seal until it restarts).
 * Records `read` cannot make sense of (null) are skipped.
 */
export async function resealAll<T>(
  kv: KVNamespace,
  prefix: string,
  steps: {
    read: (name: string) => Promise<T | null>;
    reseal: (record: T) => Promise<T | null>;
    write: (record: T) => Promise<void>;
    resealed?: (record: T) => Promise<void>;
  },
): Promise<ResealCount> {
  const count: ResealCount = { resealed: 0, unchanged: 0 };
  for (const name of await listKeyNames(kv, prefix)) {
    const record = await steps.read(name);
    if (!record) continue;
    const next = await steps.reseal(record);
    if (!next) {
      count.unchanged++;
      continue;
    }
    await steps.write(next);
    await steps.resealed?.(next);
    count.resealed++;
  }
  return count;
}
