import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import type { AppContext } from "../http/context";
import { getOrgRecord, type OrgRecord } from "../storage/org-config";

/** The organization named by a path segment; a malformed ID cannot exist, so it gets the same 404 as a missing one. */
export async function loadOrg(c: AppContext, rawId: string): Promise<OrgRecord> {
  const parsed = OrgIdSchema.safeParse(rawId);
  const record = parsed.success ? await orgRecordOnce(c, parsed.data) : null;
  if (!record) throw new AppError("org_not_found", "no such organization");
  return record;
}

/**
 * An organization's record, read from KV at most once per request: authentication checks the organization exists
 * before it touches the organization's Durable Object, and the route then reads the same record. (Routes that
 * write the record do so after their last read.)
 */
export function orgRecordOnce(c: AppContext, orgId: string): Promise<OrgRecord | null> {
  let records = c.get("orgRecords");
  if (!records) {
    records = new Map();
    c.set("orgRecords", records);
  }
  let record = records.get(orgId);
  if (!record) {
    record = getOrgRecord(c.get("env").CONFIG, orgId);
    records.set(orgId, record);
  }
  return record;
}
