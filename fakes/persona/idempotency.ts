/**
 * Persona's idempotency layer (docs/persona.md §3.3; Persona's docs /idempotence): on POST only, the first answer to
 * an `Idempotency-Key` — whatever its status, 500s included — is stored and replayed to later requests with the same
 * key and the same parameters; the same key with other parameters is an error. It runs after authentication and the
 * rate limiter, so 401s and 429s are never stored. Keys are kept per environment for at least 24 hours.
 */
import type { FakeResponse } from "../okta/http";

export interface StoredAnswer {
  status: number;
  body: unknown;
}

interface Entry {
  fingerprint: string;
  method: string;
  path: string;
  answer: StoredAnswer;
  storedAtMs: number;
}

export type Lookup = { kind: "miss" } | { kind: "replay"; answer: StoredAnswer } | { kind: "mismatch" };

export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  lookup(key: string, fingerprint: string, nowMs: number, ttlMs: number): Lookup {
    const entry = this.entries.get(key);
    if (entry === undefined || nowMs - entry.storedAtMs >= ttlMs) {
      this.entries.delete(key);
      return { kind: "miss" };
    }
    return entry.fingerprint === fingerprint ? { kind: "replay", answer: structuredClone(entry.answer) } : { kind: "mismatch" };
  }

  store(key: string, fingerprint: string, request: { method: string; path: string }, response: FakeResponse, nowMs: number): void {
    this.entries.set(key, { fingerprint, ...request, answer: { status: response.status, body: structuredClone(response.body) }, storedAtMs: nowMs });
  }

  list() {
    return [...this.entries].map(([key, entry]) => ({
      key,
      method: entry.method,
      path: entry.path,
      status: entry.answer.status,
      storedAtMs: entry.storedAtMs,
    }));
  }

  clear(): void {
    this.entries.clear();
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** What "the same parameters" means: method, path, query and body (JSON compared without regard to key order). */
export function fingerprint(method: string, path: string, query: URLSearchParams, rawBody: string): string {
  let body: unknown = rawBody;
  try {
    if (rawBody.trim() !== "") body = canonical(JSON.parse(rawBody));
  } catch {
    // not JSON: compared as text
  }
  const params = [...query].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return JSON.stringify([method.toUpperCase(), path, params, body]);
}
