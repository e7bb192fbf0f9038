import { AppError, isAppError } from "../../../shared/errors";
import { PERSONA_DEFAULT_BASE_URL } from "../../../shared/persona";
import { assertFetchableUrl } from "../net/safe-fetch";

/**
 * The Persona API root the organization's key is sent to: Persona's own by default. An admin may name another
 * (a regional or proxied endpoint, the fake in tests), held to the SSRF rules of "Get metadata" since it receives
 * the API key as a bearer token: https only, no user info, no private or reserved hosts, loopback http only with
 * ALLOW_LOOPBACK_UPSTREAMS. It must include its API path (`/api/v1`) and carry no query or fragment, so that every
 * request path is appended to it unchanged. A trailing slash is dropped. Errors: `persona_base_url_invalid` (400).
 */
export function resolvePersonaBaseUrl(raw: string | undefined, allowLoopback: boolean): string {
  if (raw === undefined) return PERSONA_DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = assertFetchableUrl(raw.trim(), allowLoopback);
  } catch (error) {
    if (isAppError(error, "metadata_url_rejected")) throw new AppError("persona_base_url_invalid", error.message);
    throw error;
  }
  if (url.search !== "" || url.hash !== "") throw new AppError("persona_base_url_invalid", "baseUrl must not have a query or fragment");
  const path = url.pathname.replace(/\/+$/, "");
  if (!/\/api\/v1$/.test(path)) {
    throw new AppError("persona_base_url_invalid", `baseUrl must include the API path, e.g. ${PERSONA_DEFAULT_BASE_URL}`);
  }
  return `${url.origin}${path}`;
}
