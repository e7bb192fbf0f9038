import { z } from "zod";

/** `GET /api/orgs/{org}/log?limit=&before=`: a page of at most `limit` entries, older than entry `before`. */
export const OrgLogQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/**
 * One entry of the organization's log (worker/src/storage/org-store/org-log.ts): sender-chosen text is quoted and
 * bounded as it is written, `details` is a small JSON object (strings quoted, lists and nesting cut short).
 */
export const OrgLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  event: z.string(),
  code: z.string().nullable(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type OrgLogEntry = z.infer<typeof OrgLogEntrySchema>;

/**
 * `GET /api/orgs/{org}/log` (worker/src/routes/org-log.ts): newest first; `next` is the `before` of the following
 * page, null when this page was not full.
 */
export const OrgLogPageSchema = z.object({ entries: z.array(OrgLogEntrySchema), next: z.number().int().positive().nullable() });
export type OrgLogPage = z.infer<typeof OrgLogPageSchema>;

/**
 * The org log's events of the IdP metadata refresh (docs/idp-metadata-refresh.md): every refresh writes exactly
 * one of them. `refreshed` carries the result (`unchanged`, `updated`, `pinned`) and the certificate changes.
 */
export const METADATA_REFRESH_EVENTS = {
  refreshed: "sso.metadata_refreshed",
  pending: "sso.metadata_change_pending",
  failed: "sso.metadata_refresh_failed",
} as const;
