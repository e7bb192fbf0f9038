import type { Changes, ChangeValue, NewAuditEntry } from "../../../shared/audit";
import type { VerifiedCaller } from "../gate/caller";
import type { OrgStoreStub } from "../storage/org-store-client";

/**
 * Configuration changes are audited like actions on Okta users: who, what, and a summary of before and after.
 * Without it an admin could swap in their own IdP, sign in as another admin, act, swap back, and the audit would
 * name only the victim. Summaries are built from fields that hold no secret (./change-summaries.ts: a key by its
 * ID, a certificate by its fingerprint, a secret by how many there are), and only the fields that differ are kept.
 */

/** A summary of one configuration object: its non-secret fields, by name. */
export type Summary = Record<string, ChangeValue>;

/**
 * The fields of `after` that differ from `before` (and those that disappeared), each side with its own value, plus
 * the `keep` fields that name the object (whose role changed, which rule) even where they did not change.
 */
export function diffSummaries(before: Summary | null, after: Summary | null, keep: readonly string[] = []): Changes {
  if (before === null) return after === null ? {} : { after };
  if (after === null) return { before };
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (field) => keep.includes(field) || JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
  return {
    before: Object.fromEntries(changed.map((field) => [field, before[field] ?? null])),
    after: Object.fromEntries(changed.map((field) => [field, after[field] ?? null])),
  };
}

/** A structured value (a role mapping, a rule) as short JSON text, for a summary. */
export function describe(value: unknown): string {
  return JSON.stringify(value ?? null).slice(0, 2000);
}

export type ChangeAudit = {
  /** `org_update`, `sso_update`, `user_create`, `credential_key_activate`, … */
  action: string;
  before: Summary | null;
  after: Summary | null;
  /** The HTTP status the change answers. */
  status: number;
  credentialId?: string | null;
  /** Fields kept on both sides even when unchanged, because they say which object changed. */
  keep?: readonly string[];
};

/** Writes the organization's audit entries for one caller, before the response leaves. */
export class AuditWriter {
  constructor(
    private readonly store: OrgStoreStub,
    private readonly caller: VerifiedCaller,
    private readonly nowMs: number,
  ) {}

  /** A successful change by the caller; `changes` when there is a before or an after to tell. */
  async success(action: string, outcome: { status: number; credentialId?: string | null; changes?: Changes }): Promise<void> {
    const entry: NewAuditEntry = {
      ...this.caller,
      action,
      targetUserId: null,
      credentialId: outcome.credentialId ?? null,
      result: "success",
      status: outcome.status,
      errorCode: null,
      oktaErrorCode: null,
      oktaRequestId: null,
      ...(outcome.changes ? { changes: outcome.changes } : {}),
    };
    await this.store.audit(entry, this.nowMs);
  }

  /** A successful configuration change: before and after, reduced to what changed. */
  change(change: ChangeAudit): Promise<void> {
    const changes = diffSummaries(change.before, change.after, change.keep);
    return this.success(change.action, { status: change.status, credentialId: change.credentialId ?? null, changes });
  }
}
