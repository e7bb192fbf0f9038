import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import type { SealedSecrets } from "../storage/sealed-secrets";
import type { AuditWriter } from "./audit-writer";

/**
 * The secret(s) of an inbound hook (Persona's webhook, Okta's event hook): sealed, never answered, two during a
 * rotation; each change audited as `action` by how many there are, never their value.
 */
export class HookSecrets {
  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly store: SealedSecrets,
    private readonly action: string,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  count(): Promise<number> {
    return this.store.count(this.env.CONFIG, this.orgId);
  }

  /** Replaces the secret(s): both while the sender moves to the new one, then the new one alone. */
  async set(secrets: string[]): Promise<void> {
    const before = await this.count();
    await this.store.put(this.env.CONFIG, this.orgId, secrets, requireKeyRing(this.env.ENCRYPTION_KEYS), this.nowMs);
    const summaries = { before: { secrets: before }, after: { secrets: secrets.length } };
    await this.audit.change({ action: this.action, ...summaries, status: 200, keep: ["secrets"] });
  }
}
