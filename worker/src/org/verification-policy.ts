import type { VerificationPolicy, VerificationPolicyInput, VerificationPolicyView } from "../../../shared/verification";
import { unwrap } from "../gate/answer";
import type { GateRpc } from "../gate/client";
import { deleteVerificationPolicy, getVerificationPolicy, putVerificationPolicy } from "../storage/verification-policy";
import type { AuditWriter } from "./audit-writer";
import { verificationPolicySummary } from "./change-summaries";

const view = (policy: VerificationPolicy | null): VerificationPolicyView => (policy ? { configured: true, ...policy } : { configured: false });

/**
 * The organization's verified-recovery policy (docs/verified-recovery.md): which Persona template verifies a
 * caller, which outcomes pass, how long links and verifications last, which actions wait for one, and how Okta
 * profile attributes prefill the inquiry. Every change is audited with its before and after.
 */
export class VerificationPolicyStore {
  constructor(
    private readonly kv: KVNamespace,
    private readonly orgId: string,
    private readonly gate: GateRpc,
    private readonly audit: AuditWriter,
    private readonly nowMs: number,
  ) {}

  async view(): Promise<VerificationPolicyView> {
    return view(await getVerificationPolicy(this.kv, this.orgId));
  }

  /** Sets the whole policy: a PUT replaces it, and what it leaves out takes its default. */
  async set(input: VerificationPolicyInput): Promise<VerificationPolicyView> {
    const before = await getVerificationPolicy(this.kv, this.orgId);
    const policy: VerificationPolicy = { ...input, updatedAt: new Date(this.nowMs).toISOString() };
    await putVerificationPolicy(this.kv, this.orgId, policy);
    // The gate decides with the new policy at once (KV takes up to a minute to converge everywhere).
    unwrap(await this.gate.verificationPolicyChanged(this.orgId, policy));
    await this.audit.change({
      action: "verification_policy_set",
      before: verificationPolicySummary(before),
      after: verificationPolicySummary(policy),
      status: 200,
    });
    return view(policy);
  }

  /** Removes the policy: from then on no action waits for a verification. Removing none is not an error. */
  async remove(): Promise<void> {
    const before = await getVerificationPolicy(this.kv, this.orgId);
    if (!before) return;
    await deleteVerificationPolicy(this.kv, this.orgId);
    unwrap(await this.gate.verificationPolicyChanged(this.orgId, null));
    await this.audit.change({ action: "verification_policy_delete", before: verificationPolicySummary(before), after: null, status: 204 });
  }
}
