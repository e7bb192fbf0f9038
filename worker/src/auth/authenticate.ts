import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { AppError } from "../../../shared/errors";
import { secretsEqual } from "../crypto/secrets-compare";
import type { AppContext, HonoEnv, Principal } from "../http/context";
import { orgRecordOnce } from "../http/org-record-once";
import { orgStore } from "../storage/org-store-client";
import { parseApiKey } from "./api-key-token";
import { decodeSessionCookie, hashToken, parseBearerSessionToken, SESSION_COOKIE } from "./session-token";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves who is calling, before any route reads its input: `Authorization: Bearer` (an extension's session
 * token, an org API key, or the bootstrap credential) or the session cookie. A presented but wrong credential is
 * refused at once (401); no credential leaves the principal unset for the route's own check. Cookie-authenticated
 * unsafe requests must come from our own origin (`Origin` header): SameSite=Lax alone still lets a sibling
 * subdomain post a form. A token's organization must exist (KV) before its Durable Object is asked: otherwise any
 * made-up `poc_s_<name>_…` would instantiate a Durable Object per name.
 */
export const authenticate = createMiddleware<HonoEnv>(async function authenticate(c, next) {
  const env = c.get("env");
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization);
    const bearerSession = match ? parseBearerSessionToken(match[1]!) : null;
    if (bearerSession) {
      // The extension's session: same revocation as a cookie session; no CSRF check (a bearer header is never ambient).
      if (!(await orgRecordOnce(c, bearerSession.orgId))) throw new AppError("session_expired", "the session has ended; sign in again");
      const session = await orgStore(env, bearerSession.orgId).getSession(bearerSession.hash, c.get("nowMs"), "bearer");
      if (!session) throw new AppError("session_expired", "the session has ended; sign in again");
      c.set("principal", {
        kind: "session",
        orgId: bearerSession.orgId,
        userId: session.user.id,
        email: session.user.email,
        role: session.user.role,
        tokenHash: bearerSession.hash,
      });
      return next();
    }
    const apiKey = match ? parseApiKey(match[1]!) : null;
    if (apiKey) {
      if (!(await orgRecordOnce(c, apiKey.orgId))) throw new AppError("unauthenticated", "invalid credentials");
      const key = await orgStore(env, apiKey.orgId).resolveApiKey(apiKey.hash, c.get("nowMs"));
      if (!key) throw new AppError("unauthenticated", "invalid credentials");
      c.set("principal", { kind: "api_key", orgId: apiKey.orgId, keyId: key.id, name: key.name, role: key.role });
      return next();
    }
    if (!match || !secretsEqual(match[1]!, env.ADMIN_BOOTSTRAP_TOKEN)) {
      throw new AppError("unauthenticated", "invalid credentials");
    }
    c.set("principal", { kind: "bootstrap" });
    return next();
  }
  if (getCookie(c, SESSION_COOKIE) !== undefined) {
    const principal = await sessionFromCookie(c);
    if (!principal) throw new AppError("session_expired", "the session has ended; sign in again");
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      if (origin !== new URL(c.req.url).origin) throw new AppError("csrf_rejected", "cross-origin request refused");
    }
    c.set("principal", principal);
  }
  return next();
});

/** The live session named by the request's cookie, or null (no cookie, malformed, expired, revoked, user disabled). */
export async function sessionFromCookie(c: AppContext): Promise<Extract<Principal, { kind: "session" }> | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  const decoded = cookie === undefined ? null : decodeSessionCookie(cookie);
  if (!decoded) return null;
  // A token naming an organization that does not exist never wakes a Durable Object for that name.
  if (!(await orgRecordOnce(c, decoded.orgId))) return null;
  const tokenHash = hashToken(decoded.token);
  const session = await orgStore(c.get("env"), decoded.orgId).getSession(tokenHash, c.get("nowMs"));
  if (!session) return null;
  return {
    kind: "session",
    orgId: decoded.orgId,
    userId: session.user.id,
    email: session.user.email,
    role: session.user.role,
    tokenHash,
  };
}
