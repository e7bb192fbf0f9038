import { hashToken } from "./session-token";

/**
 * Org API keys look like `poc_<org>_<64 hex>`. The organization is readable (organization IDs never contain `_`)
 * so a request can be routed to its Durable Object; the secret part is 256 random bits, stored only as a hash.
 */
export function newApiKey(orgId: string): { key: string; hash: string; prefix: string } {
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
  const key = `poc_${orgId}_${secret}`;
  return { key, hash: hashToken(key), prefix: key.slice(0, orgId.length + 9) };
}

export function parseApiKey(token: string): { orgId: string; hash: string } | null {
  const match = /^poc_([a-z0-9-]{1,40})_[0-9a-f]{64}$/.exec(token);
  return match ? { orgId: match[1]!, hash: hashToken(token) } : null;
}
