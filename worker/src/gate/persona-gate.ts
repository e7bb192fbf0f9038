import type { PersonaContext, StoredPersona } from "../../../shared/persona";
import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { RateLimitBook } from "../net/rate-limit-book";
import type { PersonaAmbient } from "../persona/client";
import { type OpenedPersona, openPersona } from "../persona/connection";
import { getPersona } from "../storage/persona";

/**
 * The organization's side of every Persona call: its connection (read from KV once, its key opened once, in memory
 * only, then kept current by the worker's writes), the rate-limit book Persona's answers fill, and the context
 * lookups in progress, shared by every isolate of the worker.
 */
export class PersonaGate {
  readonly lookups = new Map<string, Promise<Omit<PersonaContext, "cached">>>();
  private readonly rateLimits = new RateLimitBook();
  private opened: Promise<OpenedPersona | null> | undefined;

  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
  ) {}

  ambient(): PersonaAmbient {
    return {
      fetch: (...args) => fetch(...args),
      nowMs: Date.now,
      attemptTimeoutMs: this.env.PERSONA_ATTEMPT_TIMEOUT_MS ?? this.env.OKTA_ATTEMPT_TIMEOUT_MS,
      rateLimits: this.rateLimits,
    };
  }

  /** The organization's connection, or null when it has none. A failed read or opening is tried again next time. */
  open(): Promise<OpenedPersona | null> {
    if (!this.opened) this.opened = this.remember(getPersona(this.env.CONFIG, this.orgId).then((record) => this.openRecord(record)));
    return this.opened;
  }

  /** The worker wrote `record` (null: deleted it): the next call uses it, without waiting for KV to converge. */
  changed(record: StoredPersona | null): void {
    this.opened = this.remember(this.openRecord(record));
  }

  private async openRecord(record: StoredPersona | null): Promise<OpenedPersona | null> {
    return record ? openPersona(record, requireKeyRing(this.env.ENCRYPTION_KEYS)) : null;
  }

  private remember(opening: Promise<OpenedPersona | null>): Promise<OpenedPersona | null> {
    opening.catch(() => {
      if (this.opened === opening) this.opened = undefined;
    });
    return opening;
  }
}
