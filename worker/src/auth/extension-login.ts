import { createHash } from "node:crypto";
import { AppError } from "../../../shared/errors";
import type { OrgSettings } from "../../../shared/orgs";

const CHROME_EXTENSION_ID = /^[a-p]{32}$/;
const MAX_REDIRECT_URI_CHARS = 512;

/**
 * Where the ACS may send an extension's one-time code: only the URL the browser's `identity.launchWebAuthFlow`
 * intercepts for an extension registered with the organization, so no site ever sees the code:
 * - Chrome: `https://<extension-id>.chromiumapp.org/<path>`;
 * - Firefox: `https://<hex SHA-1 of the add-on ID>.extensions.allizom.org/<path>` (how Firefox's `identity` API
 *   derives `getRedirectURL()`; the host is never served, Firefox stops the navigation there).
 * Exact, canonical URL only: no port, credentials, query, fragment, backslash or control character. Returns the
 * redirect URI unchanged.
 */
export function extensionRedirectUri(settings: OrgSettings, extensionId: string, redirectUri: string): string {
  if (!settings.extensionIds.includes(extensionId)) {
    throw new AppError("extension_not_registered", "this extension is not registered for the organization");
  }
  const host = redirectHost(extensionId);
  const refuse = () => new AppError("extension_login_invalid", `redirect_uri must be https://${host}/<path>`);
  const prefix = `https://${host}/`;
  if (redirectUri.length > MAX_REDIRECT_URI_CHARS || !redirectUri.startsWith(prefix)) throw refuse();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what this refuses.
  if (/[\\?#%\u0000-\u0020\u007f-\uffff]/.test(redirectUri.slice(prefix.length))) throw refuse();
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw refuse();
  }
  if (url.href !== redirectUri || url.hostname !== host || url.port !== "" || url.username !== "" || url.password !== "") {
    throw refuse();
  }
  return redirectUri;
}

/** The host of an extension's web-auth redirect URL: Chrome's by ID, Firefox's by the ID's SHA-1. */
export function redirectHost(extensionId: string): string {
  if (CHROME_EXTENSION_ID.test(extensionId)) return `${extensionId}.chromiumapp.org`;
  return `${createHash("sha1").update(extensionId, "utf8").digest("hex")}.extensions.allizom.org`;
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256Challenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** The one-time code handed to the extension: 32 random bytes; only its hash is stored. */
export function newExtensionCode(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

/** How long a one-time code can be exchanged. */
export const EXTENSION_CODE_TTL_MS = 60_000;
