import { createHash } from "node:crypto";

/** `__Host-`: the browser only accepts it Secure, host-only and for Path=/, so no subdomain can plant or read it. */
export const SESSION_COOKIE = "__Host-poc_session";

/** A new opaque session token: 32 random bytes, base64url. Only its hash is stored. */
export function newSessionToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
}

/** What storage keeps instead of the token: a leaked database row cannot be replayed as a cookie. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** The cookie carries the organization so the request can be routed to that organization's Durable Object. */
export function encodeSessionCookie(orgId: string, token: string): string {
  return `${orgId}.${token}`;
}

export function decodeSessionCookie(value: string): { orgId: string; token: string } | null {
  const match = /^([a-z0-9-]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match ? { orgId: match[1]!, token: match[2]! } : null;
}

/**
 * Bearer sessions (the browser extension) look like `poc_s_<org>_<43 base64url>`: the organization routes the
 * request to its Durable Object (organization IDs never contain `_`); storage keeps the hash of the whole token.
 */
export function newBearerSessionToken(orgId: string): { token: string; hash: string } {
  const token = `poc_s_${orgId}_${newSessionToken()}`;
  return { token, hash: hashToken(token) };
}

export function parseBearerSessionToken(token: string): { orgId: string; hash: string } | null {
  const match = /^poc_s_([a-z0-9-]{1,40})_[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? { orgId: match[1]!, hash: hashToken(token) } : null;
}
