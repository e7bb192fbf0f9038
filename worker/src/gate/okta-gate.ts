import type { StoredCredential } from "../../../shared/credentials";
import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import type { OktaConnection } from "../okta/call-okta";
import { OktaState } from "../okta/okta-state";
import { connectionFor } from "../okta/open-connection";
import { forgetCachedKeys } from "../okta/signing-keys";
import type { OktaAmbient } from "../okta/upstream";
import { deletedCredentialIds, markCredentialDeleted } from "../storage/org-store/deleted-credentials";
import { CredentialCache } from "./credential-cache";

/**
 * The organization's side of every Okta call: its credentials (read from KV once, then kept current by the
 * worker's writes), a connection per credential with its keys opened once (in memory only), and the Okta state
 * the whole organization shares (tokens, DPoP, rate-limit book, calls in flight).
 */
export class OktaGate {
  readonly state: OktaState;
  private readonly credentials: CredentialCache;
  private readonly connections = new Map<string, Promise<OktaConnection>>();

  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly sql: SqlStorage,
  ) {
    this.state = new OktaState(env.OKTA_MAX_CONCURRENCY);
    this.credentials = new CredentialCache(env.CONFIG, orgId, () => deletedCredentialIds(sql));
  }

  ambient(): OktaAmbient {
    return { fetch: (...args) => fetch(...args), nowMs: Date.now, attemptTimeoutMs: this.env.OKTA_ATTEMPT_TIMEOUT_MS, inFlight: this.state.inFlight };
  }

  /** The connection for the named credential, or the organization's only one (4xx with a code otherwise). */
  async open(credentialId: string | undefined): Promise<OktaConnection> {
    return this.connect(await this.credentials.choose(credentialId));
  }

  /** A credential as stored (for the capability test, which names one). */
  credential(credentialId: string): Promise<StoredCredential> {
    return this.credentials.choose(credentialId);
  }

  /** The OAuth client IDs of the organization's API Service credentials: how Okta's events name our own calls. */
  async clientIds(): Promise<Set<string>> {
    const credentials = await this.credentials.list();
    return new Set(credentials.flatMap((credential) => (credential.type === "okta_api_service" ? [credential.clientId] : [])));
  }

  connect(credential: StoredCredential): Promise<OktaConnection> {
    let connection = this.connections.get(credential.id);
    if (!connection) {
      connection = connectionFor(credential, requireKeyRing(this.env.ENCRYPTION_KEYS), this.ambient(), this.state);
      this.connections.set(credential.id, connection);
      // A credential that cannot be opened now (a key missing, a record being rewritten) is tried again next time.
      connection.catch(() => this.connections.delete(credential.id));
    }
    return connection;
  }

  /**
   * The worker wrote `record` (null: deleted it). The opened keys of the old record are dropped; a deletion also
   * drops every token and DPoP nonce of the credential and is recorded durably, so it holds across restarts.
   */
  async credentialChanged(id: string, record: StoredCredential | null, nowMs: number): Promise<void> {
    if (!record) {
      markCredentialDeleted(this.sql, id, nowMs);
      this.state.forgetCredential(id);
      forgetCachedKeys({ orgId: this.orgId, id });
    }
    this.connections.delete(id);
    await this.credentials.changed(id, record);
  }
}
