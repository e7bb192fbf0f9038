import type { UserContext } from "../../shared/persona";

export type TenantBinding = { bound: true } | { bound: false; note: string };

/**
 * Whether the console page is the admin console of the Okta org whose credential answered (the worker's
 * `oktaTenant`). The content script runs on every `*-admin.okta.com` host, and anyone can open an Okta org there: a
 * link to `https://evil-admin.okta.com/admin/user/profile/view/<a user of ours>` would otherwise show that user's
 * case on a page the attacker's org controls and offer one-click actions against our tenant. So actions are offered
 * only when the page's host is the credential's console; an unknown console (a custom domain no one set) counts as
 * another one. Hosts compare case-insensitively (DNS does); anything else, a trailing dot included, is a mismatch.
 */
export function tenantBinding(tenant: UserContext["oktaTenant"], consoleHost: string): TenantBinding {
  const here = consoleHost.toLowerCase();
  if (tenant === null) return { bound: false, note: `This console is ${here}; the companion could not tell which Okta org answered. Actions are off.` };
  if (tenant.adminConsoleHost === null) {
    return {
      bound: false,
      note: `This console is ${here}; the companion's Okta credential is for ${tenant.orgUrl}, whose admin console host is not known (it is named when the credential is added). Actions are off.`,
    };
  }
  const theirs = tenant.adminConsoleHost.toLowerCase();
  if (theirs === here) return { bound: true };
  return { bound: false, note: `This console is ${here}; the companion's Okta credential is for ${theirs} (${tenant.orgUrl}). Actions are off.` };
}
