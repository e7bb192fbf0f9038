/** Conversions shared by the modules that read rows: SQLite hands back untyped values and stores times as epoch ms. */

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function nullableString(value: SqlStorageValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** 96 random bits in hex: row IDs (`usr_…`, `key_…`) that cannot be guessed or enumerated. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
