import { z } from "zod";
import { RoleSchema } from "./roles";
import { type Recovery, RecoverySchema } from "./verification";

/**
 * Who acted: a signed-in user, an org API key (automation), the bootstrap credential, a webhook rule, or the
 * IdP's SCIM provisioning (`id` is the SCIM token's ID, docs/scim.md).
 */
export const ActorSchema = z.object({
  kind: z.enum(["user", "api_key", "bootstrap", "automation", "scim"]),
  id: z.string(),
  label: z.string(),
});

/** `success`: Okta did it; `refused`: we (or Okta) said no; `failed`: Okta was unreachable, timed out or errored. */
export const AuditResultSchema = z.enum(["success", "refused", "failed"]);

/**
 * One value in a configuration change's summary: a scalar, a list of names, or a short description of a structure
 * (a role mapping as JSON text, a certificate by fingerprint). Never a secret: summaries are built field by field
 * (worker/src/http/audit-change.ts) from fields that hold none.
 */
export const ChangeValueSchema = z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(z.string().max(300)).max(50)]);
export type ChangeValue = z.infer<typeof ChangeValueSchema>;

/** What a configuration change changed: the fields that differ, before and after (a creation has no `before`). */
export const ChangesSchema = z.object({
  before: z.record(z.string(), ChangeValueSchema).optional(),
  after: z.record(z.string(), ChangeValueSchema).optional(),
});
export type Changes = z.infer<typeof ChangesSchema>;

/** A SHA-256 digest in lower-case hex: a link of the audit chain. */
export const AuditHashSchema = z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex digits");

/**
 * An entry's link in the audit log's hash chain (docs/audit-chain.md): `prev` is its predecessor's `hash` (64 zeros
 * for the first entry), `hash` the SHA-256 of `prev` and every stored field of the entry. An export that carries the
 * links can be checked against a later `GET /api/orgs/{org}/audit/verify`, whose `head` it must still lead to.
 */
export const AuditChainLinkSchema = z.object({ prev: AuditHashSchema, hash: AuditHashSchema });
export type AuditChainLink = z.infer<typeof AuditChainLinkSchema>;

/**
 * One attempted action, written before the response is sent. Never holds a secret (password, TAC, token). Actions
 * on Okta users name `targetUserId`; configuration changes (`org_update`, `sso_update`, `credential_create`, …)
 * carry `changes`.
 */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actor: ActorSchema,
  role: RoleSchema.nullable(),
  action: z.string(),
  targetUserId: z.string().nullable(),
  credentialId: z.string().nullable(),
  result: AuditResultSchema,
  status: z.number().int(),
  errorCode: z.string().nullable(),
  oktaErrorCode: z.string().nullable(),
  oktaRequestId: z.string().nullable(),
  /** For configuration changes: what differs, before and after; null for actions on Okta users. */
  changes: ChangesSchema.nullable(),
  /**
   * For an action the verification policy gates (docs/verified-recovery.md): the verification and inquiry that
   * allowed it, or the admin's override reason; null otherwise.
   */
  recovery: RecoverySchema.nullable(),
  /** The entry's link in the hash chain; null for an entry written before the chain existed. */
  chain: AuditChainLinkSchema.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type NewAuditEntry = Omit<AuditEntry, "id" | "at" | "changes" | "recovery" | "chain"> & { changes?: Changes | null; recovery?: Recovery | null };

export const AuditQuerySchema = z.object({
  userId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/**
 * `GET /api/orgs/{org}/audit` (worker/src/routes/audit.ts): newest first; `next` is the `before` of the following
 * page, null when this page was not full.
 */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), next: z.number().int().positive().nullable() });
export type AuditPage = z.infer<typeof AuditPageSchema>;

/**
 * `GET /api/orgs/{org}/audit/verify` (admin): the whole log walked in ID order, every link recomputed.
 * `entries` counts every entry, `unchained` those written before the chain existed (they come first and carry no
 * link); `head` is the newest entry's stored hash (null while no entry is chained), to keep outside the worker and
 * compare with later. `firstBrokenAt`, present exactly when `ok` is false, is the ID of the first entry whose link
 * does not verify, or, when the newest entries were deleted, the ID of the first one missing.
 */
export const AuditChainReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  unchained: z.number().int().nonnegative(),
  head: AuditHashSchema.nullable(),
  firstBrokenAt: z.number().int().positive().optional(),
});
export type AuditChainReport = z.infer<typeof AuditChainReportSchema>;
