import type { ApiServiceCredential, CreateCredentialInput, CredentialView, OktaSetup, StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { requireKeyRing, seal } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { unwrap } from "../gate/answer";
import type { GateRpc } from "../gate/client";
import { resolveAdminConsoleHost, resolveOrgUrl } from "../okta/org-url";
import { oktaSetup } from "../okta/setup-guide";
import { forgetCachedKeys, generateDpopKey, generateSigningKey } from "../okta/signing-keys";
import {
  credentialAad,
  deleteCredential,
  getCredential,
  jwksUrl,
  listCredentials,
  MAX_CREDENTIALS_PER_ORG,
  newCredentialId,
  putCredential,
  resealCredential,
  toCredentialView,
} from "../storage/credentials";
import type { AuditWriter } from "./audit-writer";
import { credentialSummary } from "./change-summaries";
import { activated, apiService, nextKeyAlgorithm, withoutKey } from "./key-rotation";

/**
 * An organization's Okta credentials, as every route uses them: sealing and AAD (each secret bound to its record,
 * field and Okta org), key rotation (./key-rotation.ts), re-sealing on every write under the newest ENCRYPTION_KEYS
 * version, the audit of each change, and the organization's gate told at once of every record written, so that it
 * never acts on an older one.
 */
export class CredentialRepository {
  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly gate: GateRpc,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
    /** The origin the JWKS URLs are built on. */
    private readonly publicBase: string,
  ) {}

  view(credential: StoredCredential): CredentialView {
    return toCredentialView(credential, this.publicBase);
  }

  list(): Promise<StoredCredential[]> {
    return listCredentials(this.env.CONFIG, this.orgId);
  }

  /** The credential, 404 when absent. The record key includes the organization: another's ID is simply absent. */
  async get(id: string): Promise<StoredCredential> {
    const credential = await getCredential(this.env.CONFIG, this.orgId, id);
    if (!credential) throw new AppError("credential_not_found", "no such credential");
    return credential;
  }

  /** A new credential: an API token sealed, or an API Service app's first signing key and DPoP key generated. */
  async create(input: CreateCredentialInput): Promise<{ credential: StoredCredential; oktaSetup: OktaSetup }> {
    const orgUrl = resolveOrgUrl(input, this.env.ALLOW_LOOPBACK_UPSTREAMS);
    const adminConsoleHost = resolveAdminConsoleHost(orgUrl, input.adminConsoleHost);
    const keys = requireKeyRing(this.env.ENCRYPTION_KEYS);
    if ((await this.list()).length >= MAX_CREDENTIALS_PER_ORG) {
      throw new AppError("credential_limit_reached", `an organization holds at most ${MAX_CREDENTIALS_PER_ORG} credentials`);
    }
    const ref = { orgId: this.orgId, id: newCredentialId(), orgUrl };
    const common = { ...ref, nickname: input.nickname, adminConsoleHost, createdAt: new Date(this.nowMs).toISOString() };
    const credential: StoredCredential =
      input.type === "okta_api_key"
        ? { ...common, type: "okta_api_key", token: await seal(input.token, credentialAad.token(ref), keys, orgUrl) }
        : {
            ...common,
            type: "okta_api_service",
            clientId: input.clientId,
            keys: [await generateSigningKey({ alg: input.alg, credential: ref, keys, status: "active", nowMs: this.nowMs })],
            dpopKey: await generateDpopKey(ref, keys),
          };
    await putCredential(this.env.CONFIG, credential);
    await this.changed(credential.id, credential);
    await this.audit.change({
      action: "credential_create",
      before: null,
      after: credentialSummary(this.view(credential)),
      status: 201,
      credentialId: credential.id,
    });
    const setup =
      credential.type === "okta_api_key"
        ? oktaSetup({ type: "okta_api_key" })
        : oktaSetup({ type: "okta_api_service", clientId: credential.clientId, jwksUrl: jwksUrl(this.publicBase, credential) });
    return { credential, oktaSetup: setup };
  }

  async remove(id: string): Promise<void> {
    const credential = await this.get(id);
    await deleteCredential(this.env.CONFIG, credential);
    // The gate stops using it at once, whatever KV still says elsewhere (it keeps a durable tombstone).
    await this.changed(credential.id, null);
    const before = credentialSummary(this.view(credential));
    await this.audit.change({ action: "credential_delete", before, after: null, status: 204, credentialId: credential.id });
    forgetCachedKeys(credential);
  }

  /** Starts a rotation: a new `next` key (same algorithm as the active one), published in the JWKS at once. */
  async addKey(id: string): Promise<{ credential: StoredCredential; kid: string }> {
    const credential = apiService(await this.get(id));
    const alg = nextKeyAlgorithm(credential);
    const keys = requireKeyRing(this.env.ENCRYPTION_KEYS);
    const added = await generateSigningKey({ alg, credential, keys, status: "next", nowMs: this.nowMs });
    const updated = await this.saveKeys(credential, [...credential.keys, added], "credential_key_add", 201);
    return { credential: updated, kid: added.kid };
  }

  /** Switches signing to `kid` (see key-rotation.ts); unchanged when it already signs. */
  async activateKey(id: string, kid: string, force: boolean): Promise<StoredCredential> {
    const credential = apiService(await this.get(id));
    const rotated = activated(credential, kid, force, this.nowMs);
    if (!rotated) return credential;
    return this.saveKeys(credential, rotated, force ? "credential_key_activate_forced" : "credential_key_activate", 200);
  }

  /** Removes a retired key from the JWKS, after the grace period. */
  async deleteKey(id: string, kid: string, force: boolean): Promise<void> {
    const credential = apiService(await this.get(id));
    await this.saveKeys(credential, withoutKey(credential, kid, force, this.nowMs), force ? "credential_key_delete_forced" : "credential_key_delete", 204);
    forgetCachedKeys(credential, kid);
  }

  /** Writes a key change (re-sealing what an older ENCRYPTION_KEYS version sealed) and audits it, credential named. */
  private async saveKeys(credential: ApiServiceCredential, keys: ApiServiceCredential["keys"], action: string, status: number): Promise<StoredCredential> {
    const { credential: updated } = await resealCredential({ ...credential, keys }, requireKeyRing(this.env.ENCRYPTION_KEYS));
    await putCredential(this.env.CONFIG, updated);
    await this.changed(updated.id, updated);
    const summaries = { before: credentialSummary(this.view(credential)), after: credentialSummary(this.view(updated)) };
    await this.audit.change({ action, ...summaries, status, credentialId: credential.id, keep: ["nickname"] });
    return updated;
  }

  /** Hands the organization's gate the record just written (null: deleted), so it never acts on an older one. */
  private async changed(id: string, record: StoredCredential | null): Promise<void> {
    unwrap(await this.gate.credentialChanged(this.orgId, id, record, this.nowMs));
  }
}
