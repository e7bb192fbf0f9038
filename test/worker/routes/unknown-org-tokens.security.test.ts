import { env, listDurableObjectIds } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { encodeSessionCookie } from "../../../worker/src/auth/session-token";
import { api, errorCode } from "../support/api";

/** An organization ID nobody created, different per call. */
function madeUpOrg(): string {
  return `ghost-${crypto.randomUUID().slice(0, 8)}`;
}

async function durableObjectExists(orgId: string): Promise<boolean> {
  const wanted = env.ORG_STORE.idFromName(orgId).toString();
  return (await listDurableObjectIds(env.ORG_STORE)).some((id) => id.toString() === wanted);
}

const token43 = () => "A".repeat(43);

describe("a token naming an organization that does not exist", () => {
  it("a bearer session token is refused without waking a Durable Object for the name", async () => {
    const org = madeUpOrg();
    const response = await api("/api/me", { headers: { authorization: `Bearer poc_s_${org}_${token43()}` } });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("session_expired");
    expect(await durableObjectExists(org)).toBe(false);
  });

  it("an API key is refused without waking a Durable Object for the name", async () => {
    const org = madeUpOrg();
    const response = await api("/api/me", { headers: { authorization: `Bearer poc_${org}_${"0".repeat(64)}` } });
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe("unauthenticated");
    expect(await durableObjectExists(org)).toBe(false);
  });

  it("a session cookie is refused without waking a Durable Object for the name", async () => {
    const org = madeUpOrg();
    const response = await api("/api/me", { headers: { cookie: `__Host-poc_session=${encodeSessionCookie(org, token43())}` } });
    expect(response.status).toBe(401);
    expect(await durableObjectExists(org)).toBe(false);
  });
});
