import { getCookie } from "hono/cookie";
import { AppError } from "../../../shared/errors";
import { secretsEqual } from "../crypto/secrets-compare";
import type { AppContext } from "../http/context";
import { parseApiKey } from "./api-key-token";
import { decodeSessionCookie, hashToken, parseBearerSessionToken, SESSION_COOKIE } from "./session-token";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Who the request says it is, read from its headers alone (no storage): a session token's or API key's hash with
 * the organization the token names, or the bootstrap credential (compared here, in constant time). The claim is
 * verified against the organization's Durable Object: by `authenticate` for most routes, by the gate itself for
 * Okta actions (so that verifying costs no extra call).
 */
export type CredentialClaim =
  | { kind: "bootstrap" }
  | { kind: "session"; orgId: string; tokenHash: string; via: "cookie" | "bearer" }
  | { kind: "api_key"; orgId: string; keyHash: string };

/**
 * The request's claim, or undefined when it presents none. A malformed or wrong bearer value is refused at once
 * (401), as is a malformed session cookie. Cookie-authenticated unsafe requests must come from our own origin
 * (`Origin` header): SameSite=Lax alone still lets a sibling subdomain post a form. A bearer header is never
 * ambient, so it needs no such check.
 */
export function readClaim(c: AppContext): CredentialClaim | undefined {
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization);
    const bearerSession = match ? parseBearerSessionToken(match[1]!) : null;
    if (bearerSession) return { kind: "session", orgId: bearerSession.orgId, tokenHash: bearerSession.hash, via: "bearer" };
    const apiKey = match ? parseApiKey(match[1]!) : null;
    if (apiKey) return { kind: "api_key", orgId: apiKey.orgId, keyHash: apiKey.hash };
    if (!match || !secretsEqual(match[1]!, c.get("env").ADMIN_BOOTSTRAP_TOKEN)) throw new AppError("unauthenticated", "invalid credentials");
    return { kind: "bootstrap" };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined) return undefined;
  const claim = readCookieClaim(c);
  if (!claim) throw new AppError("session_expired", "the session has ended; sign in again");
  return claim;
}

/** The session claim of the request's cookie alone; undefined when there is none or it is malformed. */
export function readCookieClaim(c: AppContext): Extract<CredentialClaim, { kind: "session" }> | undefined {
  const cookie = getCookie(c, SESSION_COOKIE);
  const decoded = cookie === undefined ? null : decodeSessionCookie(cookie);
  return decoded ? { kind: "session", orgId: decoded.orgId, tokenHash: hashToken(decoded.token), via: "cookie" } : undefined;
}

/** The CSRF rule for cookie sessions (see {@link readClaim}); checked once the cookie's session is known to be live. */
export function assertSameOrigin(c: AppContext, claim: CredentialClaim): void {
  if (claim.kind !== "session" || claim.via !== "cookie" || !UNSAFE_METHODS.has(c.req.method)) return;
  if (c.req.header("origin") !== new URL(c.req.url).origin) throw new AppError("csrf_rejected", "cross-origin request refused");
}

/** The refusal for a claim whose organization does not exist: the same answer as an ended session or a bad key. */
export function claimRefusal(claim: Exclude<CredentialClaim, { kind: "bootstrap" }>): AppError {
  return claim.kind === "api_key"
    ? new AppError("unauthenticated", "invalid credentials")
    : new AppError("session_expired", "the session has ended; sign in again");
}
