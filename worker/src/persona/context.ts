import { AppError } from "../../../shared/errors";
import { OktaUserIdSchema } from "../../../shared/ids";
import { OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import { toPartError } from "../../../shared/part-error";
import type { CachedPersona, PersonaContext, PersonaMatch } from "../../../shared/persona";
import type { PersonaAmbient } from "./client";
import type { OpenedPersona } from "./connection";
import { matchPersona } from "./match";

/** The Persona half of a user context ends within this budget, whatever Persona does (the overlay is waiting). */
export const PERSONA_CONTEXT_DEADLINE_MS = 12_000;

const EMPTY: PersonaMatch = { matchedBy: null, account: null, ambiguous: false, cases: [], inquiries: [] };

type Lookup = Omit<PersonaContext, "cached">;

/** The organization's short cache of Persona halves (its gate's PersonaCache). */
export type PersonaContextCache = {
  get(oktaUserId: string, nowMs: number): { value: CachedPersona | null; epoch: number };
  put(oktaUserId: string, epoch: number, value: CachedPersona, nowMs: number): boolean;
};

export type PersonaContextInput = {
  /** The organization's connection, or null when it has none. */
  open: () => Promise<OpenedPersona | null>;
  cache: PersonaContextCache;
  /** Lookups in progress, by user and cache epoch: the gate's, so concurrent views share one. */
  lookups: Map<string, Promise<Lookup>>;
  oktaUserId: string;
  email: () => Promise<string | null>;
  ambient: PersonaAmbient;
  requestId: string;
};

/**
 * What Persona knows about an Okta user, never throwing: from the organization's short cache when fresh (held in
 * its gate, so every isolate shares it and an action's invalidation is seen at once), otherwise asked and cached.
 * A failure (not configured, refused, rate-limited, timed out) comes back as `error` with empty lists, and is not
 * cached, so the next view asks again.
 */
export async function personaContext(input: PersonaContextInput): Promise<PersonaContext> {
  const { cache, oktaUserId, ambient } = input;
  let environment: PersonaContext["environment"] = null;
  try {
    // The cache first. Every change of the connection (PUT, PATCH, DELETE) empties this organization's cache, so
    // a hit implies it is unchanged.
    const cached = cache.get(oktaUserId, ambient.nowMs());
    if (cached.value) return { ...cached.value, cached: true };
    const opened = await input.open();
    if (!opened) throw new AppError("persona_not_configured", "this organization has not connected Persona (PUT /api/orgs/{org}/persona)");
    environment = opened.record.environment;
    // Concurrent views of the same uncached user share one lookup: several admins opening the same user at once
    // must not each spend Persona's 300 requests/min (the bench saw 8 lookups for one user).
    const key = `${oktaUserId}|${cached.epoch}`;
    let pending = input.lookups.get(key);
    if (!pending) {
      const currentEnvironment = environment;
      pending = (async () => {
        const startedMs = ambient.nowMs();
        const match = await matchPersona({
          connection: opened.connection,
          oktaUserId,
          settings: opened.record.settings,
          email: input.email,
          ambient,
          deadlineMs: startedMs + PERSONA_CONTEXT_DEADLINE_MS,
        });
        const value = { ...match, environment: currentEnvironment, fetchedAt: new Date(startedMs).toISOString() };
        cache.put(oktaUserId, cached.epoch, value, ambient.nowMs());
        return value;
      })().finally(() => input.lookups.delete(key));
      input.lookups.set(key, pending);
    }
    return { ...(await pending), cached: false };
  } catch (error) {
    return { ...EMPTY, environment, fetchedAt: null, cached: false, error: toPartError(error, input.requestId) };
  }
}

/**
 * After a successful action on a user, their cached Persona half predates it: the next view asks Persona again.
 * Reads change nothing and keep the cache (a page that also reads the user must not defeat it). The cache is keyed
 * by Okta user ID; an action addressed by login forgets the organization's whole cache.
 */
export function forgetPersonaContextAfter(invalidate: (oktaUserId?: string) => void, action: OktaAction, targetUserId: string | null): void {
  if (targetUserId === null || OKTA_ACTIONS[action].method === "GET") return;
  invalidate(OktaUserIdSchema.safeParse(targetUserId).success ? targetUserId : undefined);
}
