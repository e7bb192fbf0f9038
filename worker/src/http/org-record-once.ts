import { getOrgRecord, type OrgRecord } from "../storage/org-config";
import type { AppContext } from "./context";

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
