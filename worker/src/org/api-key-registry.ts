import type { ApiKeyView } from "../../../shared/api-keys";
import { AppError } from "../../../shared/errors";
import type { Role } from "../../../shared/roles";
import type { OrgStoreStub } from "../storage/org-store-client";
import type { AuditWriter } from "./audit-writer";

/** Org API keys for automation: stored by hash only, carrying a role, revocable, each change audited. */
export class ApiKeyRegistry {
  constructor(
    private readonly store: OrgStoreStub,
    private readonly audit: AuditWriter,
    private readonly createdBy: string,
    private readonly nowMs: number,
  ) {}

  list(): Promise<ApiKeyView[]> {
    return this.store.listApiKeys();
  }

  /** Records a key the caller minted (its hash and display prefix; the key itself is never kept). */
  async create(input: { name: string; role: Role; hash: string; prefix: string }): Promise<ApiKeyView> {
    const view = await this.store.createApiKey({ ...input, createdBy: this.createdBy }, this.nowMs);
    await this.audit.success("api_key_create", { status: 201, credentialId: view.id, changes: { after: { name: view.name, role: view.role } } });
    return view;
  }

  /** Revocation takes effect on the next request, everywhere (keys are looked up in the Durable Object on every use). */
  async revoke(keyId: string): Promise<void> {
    if (!(await this.store.revokeApiKey(keyId, this.nowMs))) throw new AppError("not_found", "no such live API key");
    await this.audit.success("api_key_revoke", { status: 204, credentialId: keyId });
  }
}
