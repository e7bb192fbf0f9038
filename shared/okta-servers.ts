/**
 * Okta's cell domains: an org is `https://<subdomain>.<server>`, its admin console `https://<subdomain>-admin.<server>`
 * (docs/okta.md §4). Plain data, no zod: the extension's content script imports it and must stay small.
 */
export const OKTA_SERVERS = ["okta.com", "oktapreview.com", "okta-emea.com", "okta-gov.com", "okta.mil"] as const;
export type OktaServer = (typeof OKTA_SERVERS)[number];

/** `<one DNS label>-admin.<server>`: the host of an Okta org's admin console. */
export function isAdminConsoleHost(host: string): boolean {
  const lower = host.toLowerCase();
  return OKTA_SERVERS.some((server) => lower.endsWith(`.${server}`) && /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-admin$/.test(lower.slice(0, -server.length - 1)));
}

/**
 * The admin console host of an org at `https://<subdomain>.<server>` (`acme.okta.com` → `acme-admin.okta.com`); null
 * for any other origin (a custom domain, the loopback fake), whose console cannot be derived from its URL.
 */
export function adminConsoleHostOf(orgUrl: string): string | null {
  let host: string;
  try {
    host = new URL(orgUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
  for (const server of OKTA_SERVERS) {
    if (!host.endsWith(`.${server}`)) continue;
    const label = host.slice(0, -server.length - 1);
    if (/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label)) return `${label}-admin.${server}`;
  }
  return null;
}
