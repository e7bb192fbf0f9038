/**
 * Recognises the Okta admin console and its user profile page from a location, without touching the page's DOM.
 * Kept free of runtime dependencies: it ships in the content script, whose size budget is 20 KB gzipped.
 */
import { OKTA_USER_ID } from "../../shared/id-patterns";
import { OKTA_SERVERS } from "../../shared/okta-servers";

/** `<subdomain>-admin.<server>`, one DNS label before `-admin`, https only. */
export function isAdminConsole(location: Pick<Location, "protocol" | "hostname">): boolean {
  if (location.protocol !== "https:") return false;
  const host = location.hostname.toLowerCase();
  return OKTA_SERVERS.some((server) => {
    if (!host.endsWith(`.${server}`)) return false;
    const label = host.slice(0, -server.length - 1);
    return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-admin$/.test(label);
  });
}

export type OktaPage = { kind: "user"; userId: string; tab: string | null } | { kind: "other" };

/**
 * The page a location shows: `/admin/user/profile/view/{userId}` (with an optional `#tab-…` hash) is a user's
 * profile; everything else is "other". The ID must look like an Okta user ID, so a crafted path cannot make the
 * overlay ask the worker about something else.
 */
export function recognisePage(location: Pick<Location, "protocol" | "hostname" | "pathname" | "hash">): OktaPage {
  if (!isAdminConsole(location)) return { kind: "other" };
  const match = /^\/admin\/user\/profile\/view\/([^/]+)\/?$/.exec(location.pathname);
  const userId = match?.[1];
  if (userId === undefined || !OKTA_USER_ID.test(userId)) return { kind: "other" };
  const tab = /^#(tab-[A-Za-z0-9_-]{1,64})$/.exec(location.hash)?.[1] ?? null;
  return { kind: "user", userId, tab };
}

/** Match patterns and include globs for the content script's manifest entry. */
export const CONTENT_MATCHES = OKTA_SERVERS.map((server) => `https://*.${server}/*`);
export const CONTENT_INCLUDE_GLOBS = OKTA_SERVERS.map((server) => `https://*-admin.${server}/*`);
