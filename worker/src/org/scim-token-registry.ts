import { AppError } from "../../../shared/errors";
import { SCIM_MAX_TOKENS, type ScimTokenView } from "../../../shared/scim";
import type { OrgStoreStub } from "../storage/org-store-client";
import type { AuditWriter } from "./audit-writer";

/**
 * The organization's SCIM bearer tokens (docs/scim.md), managed by its admins: made and shown once, stored
 * hashed, several live at once so that Okta can be switched to a new one before the old one is revoked; each
 * change audited by token ID.
 */
export class ScimTokenRegistry {
  constructor(
    private readonly store: OrgStoreStub,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  list(): Promise<ScimTokenView[]> {
    return this.store.listScimTokens();
  }

  /** Records a token the caller minted, by its hash (the token itself is never kept). */
  async create(hash: string): Promise<ScimTokenView> {
    const view = await this.store.createScimToken(hash, SCIM_MAX_TOKENS, this.nowMs);
    if (!view) throw new AppError("scim_token_limit_reached", `at most ${SCIM_MAX_TOKENS} SCIM tokens; revoke one first`);
    await this.audit.success("scim_token_create", { status: 201, credentialId: view.id });
    return view;
  }

  /** Revocation takes effect on the next SCIM request (tokens are looked up in the Durable Object on every use). */
  async revoke(id: string): Promise<void> {
    if (!(await this.store.revokeScimToken(id))) throw new AppError("not_found", "no such SCIM token");
    await this.audit.success("scim_token_revoke", { status: 204, credentialId: id });
  }
}
