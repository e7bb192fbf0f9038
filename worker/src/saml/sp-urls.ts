/** The per-organization SP endpoints, as an admin pastes them into the Okta SAML app. */
export type SpUrls = {
  /** SP entityID and Audience URI: the metadata URL itself, as in Persona's own dashboard SSO. */
  entityId: string;
  metadataUrl: string;
  acsUrl: string;
  loginUrl: string;
};

export function spUrls(base: string, orgId: string): SpUrls {
  const root = `${base}/${orgId}`;
  return { entityId: `${root}/metadata`, metadataUrl: `${root}/metadata`, acsUrl: `${root}/acs`, loginUrl: `${root}/login` };
}
