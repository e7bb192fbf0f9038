import type { OrgResponse, OrgSettings } from "../../../shared/orgs";
import { spUrls } from "../saml/sp-urls";

/** An organization's settings as its admins see them, with the URLs to paste into Okta. */
export function orgResponse(base: string, settings: OrgSettings): OrgResponse {
  const urls = spUrls(base, settings.id);
  return { ...settings, acsUrl: urls.acsUrl, audienceUri: urls.entityId, metadataUrl: urls.metadataUrl, loginUrl: urls.loginUrl };
}
