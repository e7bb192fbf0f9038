import { AppError, isAppError } from "../../../shared/errors";
import { adminConsoleHostOf, type OktaServer } from "../../../shared/okta-servers";
import { assertFetchableUrl, isLoopbackHost } from "../net/safe-fetch";

export type OrgLocation = { orgUrl?: string | undefined; subdomain?: string | undefined; server?: OktaServer | undefined };

/** One DNS label: what Okta allows as an org subdomain. */
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The origin of an Okta org (`https://acme.okta.com`), from a full `orgUrl` or from `subdomain` + `server`
 * (exactly one of the two forms). Every failure is `okta_org_url_invalid` (400).
 *
 * The worker sends this org its client assertions and access tokens, so the URL is held to the SSRF rules of
 * "Get metadata" (https only, no user info, no private or reserved hosts; `http://127.0.0.1:PORT` only with
 * `allowLoopback`, i.e. ALLOW_LOOPBACK_UPSTREAMS in development) and must be a bare origin: a path (a custom
 * authorization server such as `/oauth2/default`) or a query would put the token endpoint somewhere else.
 * The `-admin` host is refused: Okta's token endpoint and APIs live on the org domain (docs/okta.md §2.1).
 */
export function resolveOrgUrl(input: OrgLocation, allowLoopback: boolean): string {
  const hasUrl = input.orgUrl !== undefined;
  const hasParts = input.subdomain !== undefined || input.server !== undefined;
  if (hasUrl === hasParts) {
    throw invalid(hasUrl ? "give orgUrl or subdomain + server, not both" : "give orgUrl, or subdomain + server");
  }
  if (hasParts) {
    if (input.subdomain === undefined || input.server === undefined) throw invalid("subdomain and server go together");
    const subdomain = input.subdomain.trim().toLowerCase();
    if (!SUBDOMAIN.test(subdomain)) throw invalid("subdomain must be one DNS label, e.g. acme for acme.okta.com");
    if (subdomain.endsWith("-admin")) throw adminHost(`https://${subdomain.slice(0, -"-admin".length)}.${input.server}`);
    return `https://${subdomain}.${input.server}`;
  }

  let url: URL;
  try {
    url = assertFetchableUrl(input.orgUrl!.trim(), allowLoopback);
  } catch (error) {
    if (isAppError(error, "metadata_url_rejected")) throw invalid(error.message);
    throw error;
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
    throw invalid("orgUrl must be the org's origin only (https://acme.okta.com), without a path or query");
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.port !== "" && !loopback) throw invalid("orgUrl must not name a port");
  const [first = "", ...rest] = url.hostname.split(".");
  if (!loopback && first.endsWith("-admin")) throw adminHost(`https://${[first.slice(0, -"-admin".length), ...rest].join(".")}`);
  return url.origin;
}

/**
 * The admin console host bound to a credential (the overlay acts only on that console): derived from an Okta org URL,
 * where a differing one given is refused (it would let the overlay act in another tenant's console), or the one
 * given for any other org URL; null when neither says.
 */
export function resolveAdminConsoleHost(orgUrl: string, given: string | undefined): string | null {
  const derived = adminConsoleHostOf(orgUrl);
  if (derived !== null && given !== undefined && given !== derived) {
    throw invalid(`the admin console of ${orgUrl} is ${derived}, not ${given}`, { suggestion: derived });
  }
  return derived ?? given ?? null;
}

function invalid(message: string, details?: Record<string, unknown>): AppError {
  return new AppError("okta_org_url_invalid", message, details);
}

function adminHost(orgUrl: string): AppError {
  return invalid(`use the org domain (${orgUrl}), not the -admin console domain`, { suggestion: orgUrl });
}
