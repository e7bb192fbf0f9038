import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CachedPersona } from "../../../shared/persona";
import { PERSONA_CACHE_TTL_MS } from "../../../worker/src/gate/org-gate";

const value = (id: string): CachedPersona => ({
  matchedBy: "reference-id",
  account: null,
  ambiguous: false,
  cases: [],
  inquiries: [],
  environment: "sandbox",
  fetchedAt: `2026-01-01T00:00:00.000Z#${id}`,
});

let counter = 0;
const store = () => env.ORG_STORE.get(env.ORG_STORE.idFromName(`cache-${Date.now().toString(36)}-${counter++}`));

describe("Persona context cache in the organization's Durable Object", () => {
  it("a stored Persona half is reused until it expires (60 s)", async () => {
    const s = store();
    const now = Date.now();
    const { epoch } = await s.getPersonaContext("00uA", now);
    expect(await s.putPersonaContext("00uA", epoch, value("a"), now)).toBe(true);
    expect((await s.getPersonaContext("00uA", now + 1000)).value?.fetchedAt).toContain("#a");
    expect((await s.getPersonaContext("00uA", now + PERSONA_CACHE_TTL_MS)).value).toBeNull();
  });

  it("invalidating one user forgets only that user; invalidating all forgets every user", async () => {
    const s = store();
    const now = Date.now();
    for (const user of ["00uA", "00uB"]) await s.putPersonaContext(user, (await s.getPersonaContext(user, now)).epoch, value(user), now);
    await s.invalidatePersonaContext("00uA");
    expect((await s.getPersonaContext("00uA", now)).value).toBeNull();
    expect((await s.getPersonaContext("00uB", now)).value).not.toBeNull();
    await s.invalidatePersonaContext();
    expect((await s.getPersonaContext("00uB", now)).value).toBeNull();
  });

  it("a lookup that started before an invalidation does not store what it fetched (an action raced the read)", async () => {
    const s = store();
    const now = Date.now();
    const { epoch } = await s.getPersonaContext("00uA", now);
    await s.invalidatePersonaContext("00uA");
    expect(await s.putPersonaContext("00uA", epoch, value("stale"), now)).toBe(false);
    expect((await s.getPersonaContext("00uA", now)).value).toBeNull();
  });

  it("is bounded: beyond 500 users the oldest entries are dropped", async () => {
    const s = store();
    const now = Date.now();
    const { epoch } = await s.getPersonaContext("x", now);
    for (let i = 0; i < 501; i++) await s.putPersonaContext(`00u${i}`, epoch, value(String(i)), now);
    expect((await s.getPersonaContext("00u0", now)).value).toBeNull();
    expect((await s.getPersonaContext("00u1", now)).value).not.toBeNull();
    expect((await s.getPersonaContext("00u500", now)).value).not.toBeNull();
  });
});
