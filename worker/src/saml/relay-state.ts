import { AppError } from "../../../shared/errors";

/** Generous for a path, far below anything that could carry a payload. */
export const MAX_RELAY_STATE_CHARS = 512;

/**
 * docs/saml-checks.md §11: where to send the browser after sign-in. Only a path on our own origin is accepted, so the
 * ACS can never be used as an open redirect (`//evil.example`, `/\evil.example`, `https://evil.example`,
 * `javascript:` and control characters are all refused). Returns the absolute URL.
 */
export function relayTarget(relayState: string, origin: string): string {
  const refuse = () => new AppError("saml_relay_state_invalid", "RelayState must be a path on this site");
  if (relayState.length > MAX_RELAY_STATE_CHARS || !isSafePath(relayState)) throw refuse();
  // The percent-decoded form must be just as safe: `/%0d%0aLocation:…`, `/%2f%2fevil.example` and `/%5cevil.example`
  // stay inert in our own Location header, but become a header split or an open redirect for whatever decodes the
  // path next (the landing page, a proxy, a log viewer). Malformed escapes are refused rather than guessed.
  let decoded: string;
  try {
    decoded = decodeURIComponent(relayState);
  } catch {
    throw refuse();
  }
  if (!isSafePath(decoded)) throw refuse();
  let target: URL;
  try {
    target = new URL(relayState, origin);
  } catch {
    throw refuse();
  }
  if (target.origin !== origin) throw refuse();
  return target.toString();
}

/** A path of our own site: one leading slash, no backslash, no control character. */
function isSafePath(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what this refuses.
  return path.startsWith("/") && !path.startsWith("//") && !/[\\\u0000-\u001f\u007f]/.test(path);
}
