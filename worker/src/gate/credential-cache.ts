import type { StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { CredentialIdSchema } from "../../../shared/ids";
import { listCredentials } from "../storage/credentials";

/**
 * The organization's Okta credentials as its gate uses them: read from KV once per Durable Object lifetime, then
 * kept in memory. Every write to a credential goes through the worker, which hands the gate the record it wrote
 * ({@link CredentialCache.changed}) in the same request, so the gate never waits for KV to converge; a deletion is
 * also recorded in the gate's own storage (the caller's job), so a stale KV read after a restart cannot bring the
 * credential back.
 */
export class CredentialCache {
  private loaded: Promise<Map<string, StoredCredential>> | undefined;

  constructor(
    private readonly kv: KVNamespace,
    private readonly orgId: string,
    private readonly deleted: () => Set<string>,
  ) {}

  /** The credential a request names with `?credentialId=`, or the organization's only one. */
  async choose(credentialId: string | undefined): Promise<StoredCredential> {
    const all = await this.all();
    if (credentialId !== undefined) {
      const credential = CredentialIdSchema.safeParse(credentialId).success ? all.get(credentialId) : undefined;
      if (!credential) throw new AppError("credential_not_found", "no such Okta credential in this organization");
      return credential;
    }
    if (all.size === 0) throw new AppError("okta_not_configured", "this organization has no Okta credential; add one first");
    if (all.size > 1) throw new AppError("credential_ambiguous", "this organization has several Okta credentials: pass ?credentialId=");
    return [...all.values()][0]!;
  }

  /** What the worker just wrote (or null: deleted). Applied whether or not the cache was loaded yet. */
  async changed(id: string, record: StoredCredential | null): Promise<void> {
    const all = await this.all();
    if (record) all.set(id, record);
    else all.delete(id);
  }

  /** Every live credential of the organization. */
  async list(): Promise<StoredCredential[]> {
    return [...(await this.all()).values()];
  }

  private all(): Promise<Map<string, StoredCredential>> {
    this.loaded ??= listCredentials(this.kv, this.orgId).then((records) => {
      const deleted = this.deleted();
      return new Map(records.filter((record) => !deleted.has(record.id)).map((record) => [record.id, record]));
    });
    // A failed read is not cached: the next call tries KV again.
    this.loaded.catch(() => {
      this.loaded = undefined;
    });
    return this.loaded;
  }
}
