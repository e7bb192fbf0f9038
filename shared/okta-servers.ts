/**
 * Okta's cell domains: an org is `https://<subdomain>.<server>`, its admin console `https://<subdomain>-admin.<server>`
 * (OKTA.md §5). Plain data, no zod: the extension's content script imports it and must stay small.
 */
export const OKTA_SERVERS = ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil"] as const;
export type OktaServer = (typeof OKTA_SERVERS)[number];
