import { describe, expect, it } from "vitest";
import type { CachedPersona } from "../../../../shared/persona";
import { PERSONA_CACHE_TTL_MS, PersonaCache } from "../../../../worker/src/storage/org-store/persona-cache";

const value = (id: string): CachedPersona => ({
  matchedBy: "reference-id",
  account: null,
  ambiguous: false,
  cases: [],
  inquiries: [],
  environment: "sandbox",
  fetchedAt: `2026-01-01T00:00:00.000Z#${id}`,
});

const store = () => new PersonaCache();

describe("Persona context cache (held by the organization's gate)", () => {
  it("a stored Persona half is reused until it expires (60 s)", () => {
    const s = store();
    const now = Date.now();
    const { epoch } = s.get("00uA", now);
    expect(s.put("00uA", epoch, value("a"), now)).toBe(true);
    expect(s.get("00uA", now + 1000).value?.fetchedAt).toContain("#a");
    expect(s.get("00uA", now + PERSONA_CACHE_TTL_MS).value).toBeNull();
  });

  it("invalidating one user forgets only that user; invalidating all forgets every user", () => {
    const s = store();
    const now = Date.now();
    for (const user of ["00uA", "00uB"]) s.put(user, s.get(user, now).epoch, value(user), now);
    s.invalidate("00uA");
    expect(s.get("00uA", now).value).toBeNull();
    expect(s.get("00uB", now).value).not.toBeNull();
    s.invalidate();
    expect(s.get("00uB", now).value).toBeNull();
  });

  it("a lookup that started before an invalidation does not store what it fetched (an action raced the read)", () => {
    const s = store();
    const now = Date.now();
    const { epoch } = s.get("00uA", now);
    s.invalidate("00uA");
    expect(s.put("00uA", epoch, value("stale"), now)).toBe(false);
    expect(s.get("00uA", now).value).toBeNull();
  });

  it("is bounded: beyond 500 users the oldest entries are dropped", () => {
    const s = store();
    const now = Date.now();
    const { epoch } = s.get("x", now);
    for (let i = 0; i < 501; i++) s.put(`00u${i}`, epoch, value(String(i)), now);
    expect(s.get("00u0", now).value).toBeNull();
    expect(s.get("00u1", now).value).not.toBeNull();
    expect(s.get("00u500", now).value).not.toBeNull();
  });
});
