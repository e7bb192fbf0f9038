import { hashToken } from "./session-token";

/**
 * SCIM bearer tokens look like `poc_scim_<org>_<64 hex>`: the organization routes the request to its Durable
 * Object (organization IDs never contain `_`, so neither an API key `poc_<org>_…` nor a session `poc_s_<org>_…`
 * can be read as one), and the secret part is 256 random bits, stored only as a hash (docs/scim.md).
 */
export function newScimToken(orgId: string): { token: string; hash: string } {
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
  const token = `poc_scim_${orgId}_${secret}`;
  return { token, hash: hashToken(token) };
}

/** The organization and hash of a well-formed SCIM token, or null for anything else (an API key, a session…). */
export function parseScimToken(token: string): { orgId: string; hash: string } | null {
  const match = /^poc_scim_([a-z0-9-]{1,40})_[0-9a-f]{64}$/.exec(token);
  return match ? { orgId: match[1]!, hash: hashToken(token) } : null;
}
