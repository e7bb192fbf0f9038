import { z } from "zod";
import { OrgSettingsSchema } from "../../../shared/orgs";
import { IdpConfigSchema } from "../../../shared/sso";

/** An organization's configuration in KV: settings and the pinned IdP configuration. */
export const OrgRecordSchema = z.object({
  settings: OrgSettingsSchema,
  idp: IdpConfigSchema.nullable(),
});
export type OrgRecord = z.infer<typeof OrgRecordSchema>;

const key = (orgId: string) => `org:${orgId}`;

/** Reads and validates an organization's record; null when absent. A corrupt record is an error, not "absent". */
export async function getOrgRecord(kv: KVNamespace, orgId: string): Promise<OrgRecord | null> {
  const raw = await kv.get(key(orgId), "json");
  return raw === null ? null : OrgRecordSchema.parse(raw);
}

export async function putOrgRecord(kv: KVNamespace, record: OrgRecord): Promise<void> {
  await kv.put(key(record.settings.id), JSON.stringify(OrgRecordSchema.parse(record)));
}
