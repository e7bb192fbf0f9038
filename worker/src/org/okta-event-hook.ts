import { requireKeyRing } from "../crypto/secret-box";
import type { AppEnv } from "../env";
import { oktaHookSecrets } from "../storage/okta-event-hook";
import type { AuditWriter } from "./audit-writer";

/** The Okta event hook's secret(s) (sealed, never answered), each change audited by count only. */
export class OktaEventHookSettings {
  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  secretCount(): Promise<number> {
    return oktaHookSecrets.count(this.env.CONFIG, this.orgId);
  }

  /** Replaces the secret(s): two while the admin rotates the header value in Okta, then the new one alone. */
  async setSecrets(secrets: string[]): Promise<void> {
    const before = await this.secretCount();
    await oktaHookSecrets.put(this.env.CONFIG, this.orgId, secrets, requireKeyRing(this.env.ENCRYPTION_KEYS), this.nowMs);
    const summaries = { before: { secrets: before }, after: { secrets: secrets.length } };
    await this.audit.change({ action: "okta_event_hook_secrets_set", ...summaries, status: 200, keep: ["secrets"] });
  }
}
