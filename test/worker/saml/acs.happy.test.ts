import { describe, expect, it } from "vitest";
import { api, postAcs, sessionCookie, startLogin, validFor } from "../support/api";
import { ssoOrg } from "./support/signed-response";

describe("ACS happy paths", () => {
  it("IdP-initiated (Okta tile): signs in, JIT-provisions with the default role, /api/me answers", async () => {
    const { idp, org } = await ssoOrg();
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org)));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`https://companion.test/${org.id}/`);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookie(response)!;
    const me = await api("/api/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ email: "ada@example.com", role: "viewer", orgId: org.id });
  });

  it("SP-initiated: the AuthnRequest ID is accepted once and RelayState path is honoured", async () => {
    const { idp, org } = await ssoOrg();
    const requestId = await startLogin(org.id, "/somewhere?x=1");
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId })), "/somewhere?x=1");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://companion.test/somewhere?x=1");
  });
});
