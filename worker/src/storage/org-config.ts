import { z } from "zod";
import { OrgSettingsSchema } from "../../../shared/orgs";
import { DEFAULT_SSO_SETTINGS, IdpConfigSchema, type SsoSettings, SsoSettingsSchema } from "../../../shared/sso";

/**
 * An organization's configuration in KV: settings, the pinned IdP configuration, and the SSO settings (SAML
 * options, metadata refresh state). `sso` is absent on a record that never changed them: read it with
 * {@link ssoSettingsOf}, which gives the defaults (every option off, not pinned, never refreshed).
 */
export const OrgRecordSchema = z.object({
  settings: OrgSettingsSchema,
  idp: IdpConfigSchema.nullable(),
  sso: SsoSettingsSchema.optional(),
});
export type OrgRecord = z.infer<typeof OrgRecordSchema>;

/** The organization's SSO settings, the defaults when it never changed them. */
export function ssoSettingsOf(record: Pick<OrgRecord, "sso">): SsoSettings {
  return record.sso ?? DEFAULT_SSO_SETTINGS;
}

const PREFIX = "org:";
const key = (orgId: string) => `${PREFIX}${orgId}`;

/** Reads and validates an organization's record; null when absent. A corrupt record is an error, not "absent". */
export async function getOrgRecord(kv: KVNamespace, orgId: string): Promise<OrgRecord | null> {
  const raw = await kv.get(key(orgId), "json");
  return raw === null ? null : OrgRecordSchema.parse(raw);
}

export async function putOrgRecord(kv: KVNamespace, record: OrgRecord): Promise<void> {
  await kv.put(key(record.settings.id), JSON.stringify(OrgRecordSchema.parse(record)));
}

/** The KV key of an organization's record → its ID; null for a key of anything else under the prefix. */
export function orgIdOfKey(name: string): string | null {
  if (!name.startsWith(PREFIX)) return null;
  const rest = name.slice(PREFIX.length);
  // Other records live under `org:<id>:<kind>…` (credentials, Persona, …): only the bare record is an organization.
  return rest === "" || rest.includes(":") ? null : rest;
}

export const ORG_RECORD_PREFIX = PREFIX;
