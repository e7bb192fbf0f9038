import { AppError } from "../../../shared/errors";

/** Generous for a path, far below anything that could carry a payload. */
export const MAX_RELAY_STATE_CHARS = 512;

/**
 * SAML.md step 11: where to send the browser after sign-in. Only a path on our own origin is accepted, so the
 * ACS can never be used as an open redirect (`//evil.example`, `/\evil.example`, `https://evil.example`,
 * `javascript:` and control characters are all refused). Returns the absolute URL.
 */
export function relayTarget(relayState: string, origin: string): string {
  const refuse = () => new AppError("saml_relay_state_invalid", "RelayState must be a path on this site");
  if (relayState.length > MAX_RELAY_STATE_CHARS || !relayState.startsWith("/") || relayState.startsWith("//")) throw refuse();
  if (/[\\\u0000-\u001f\u007f]/.test(relayState)) throw refuse();
  let target: URL;
  try {
    target = new URL(relayState, origin);
  } catch {
    throw refuse();
  }
  if (target.origin !== origin) throw refuse();
  return target.toString();
}
