import { createMiddleware } from "hono/factory";
import type { AppContext, HonoEnv, Principal } from "../http/context";
import { orgRecordOnce } from "../http/org-record-once";
import { orgStore } from "../storage/org-store-client";
import { assertSameOrigin, type CredentialClaim, claimRefusal, readClaim, readCookieClaim } from "./credential-claim";

/**
 * Resolves who is calling, before any route reads its input: `Authorization: Bearer` (an extension's session
 * token, an org API key, or the bootstrap credential) or the session cookie (see readClaim). A presented but
 * wrong credential is refused at once (401); no credential leaves the principal unset for the route's own check.
 * A token's organization must exist (KV) before its Durable Object is asked: otherwise any made-up
 * `poc_s_<name>_…` would instantiate a Durable Object per name.
 */
export const authenticate = createMiddleware<HonoEnv>(async function authenticate(c, next) {
  const claim = readClaim(c);
  if (claim) {
    c.set("principal", await resolveClaim(c, claim));
    assertSameOrigin(c, claim);
  }
  return next();
});

/** The principal behind a claim, checked against the organization's Durable Object. */
export async function resolveClaim(c: AppContext, claim: CredentialClaim): Promise<Principal> {
  if (claim.kind === "bootstrap") return claim;
  if (!(await orgRecordOnce(c, claim.orgId))) throw claimRefusal(claim);
  const store = orgStore(c.get("env"), claim.orgId);
  if (claim.kind === "api_key") {
    const key = await store.resolveApiKey(claim.keyHash, c.get("nowMs"));
    if (!key) throw claimRefusal(claim);
    return { kind: "api_key", orgId: claim.orgId, keyId: key.id, name: key.name, role: key.role };
  }
  const session = await store.getSession(claim.tokenHash, c.get("nowMs"), claim.via);
  if (!session) throw claimRefusal(claim);
  return { kind: "session", orgId: claim.orgId, userId: session.user.id, email: session.user.email, role: session.user.role, tokenHash: claim.tokenHash };
}

/** The live session named by the request's cookie, or null (no cookie, malformed, expired, revoked, user disabled). */
export async function sessionFromCookie(c: AppContext): Promise<Extract<Principal, { kind: "session" }> | null> {
  const claim = readCookieClaim(c);
  if (!claim) return null;
  try {
    const principal = await resolveClaim(c, claim);
    return principal.kind === "session" ? principal : null;
  } catch {
    return null;
  }
}
