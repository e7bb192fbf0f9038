import { AppError } from "../../../shared/errors";
import { OrgIdSchema } from "../../../shared/orgs";
import type { AppContext } from "../http/context";
import { orgRecordOnce } from "../http/org-record-once";
import type { OrgRecord } from "../storage/org-config";

/** The organization named by a path segment; a malformed ID cannot exist, so it gets the same 404 as a missing one. */
export async function loadOrg(c: AppContext, rawId: string): Promise<OrgRecord> {
  const parsed = OrgIdSchema.safeParse(rawId);
  const record = parsed.success ? await orgRecordOnce(c, parsed.data) : null;
  if (!record) throw new AppError("org_not_found", "no such organization");
  return record;
}
