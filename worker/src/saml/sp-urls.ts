import type { SpUrls } from "../../../shared/sso";

export type { SpUrls };

/** The SP endpoints of one organization, all under its root; the shape is shared/sso.ts `SpUrlsSchema`. */
export function spUrls(base: string, orgId: string): SpUrls {
  const root = `${base}/${orgId}`;
  return { entityId: `${root}/metadata`, metadataUrl: `${root}/metadata`, acsUrl: `${root}/acs`, loginUrl: `${root}/login`, sloUrl: `${root}/slo` };
}
