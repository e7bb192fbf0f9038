import { describe, expect, it } from "vitest";
import { api, BOOTSTRAP, orgWithSso, signIn, testIdp } from "../support/api";
import { newToken, scimClient, scimError, scimOrg } from "./support";

/** The SCIM routes accept this organization's live SCIM token and nothing else; the token works nowhere else. */
describe("SCIM authorisation", () => {
  const expect401 = async (response: Response) => {
    const body = await scimError(response, 401);
    expect(body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    expect(body.status).toBe("401");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  };

  it("no Authorization header, a malformed one, or a wrong token of the right shape: 401 in SCIM's error body", async () => {
    const { org, token } = await scimOrg();
    await expect401(await api(`/${org.id}/scim/v2/Users`));
    await expect401(await api(`/${org.id}/scim/v2/Users`, { headers: { authorization: `Basic ${btoa("a:b")}` } }));
    await expect401(await scimClient(org.id, `${token.slice(0, -4)}0000`)("/Users"));
    const allowed = await scimClient(org.id, token)("/Users");
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("cache-control")).toBe("no-store");
  });

  it("a revoked token is refused from the next request on; another live token keeps working (rotation)", async () => {
    const { org, token, tokenId } = await scimOrg();
    const second = await newToken(org.id);
    expect((await scimClient(org.id, token)("/Users")).status).toBe(200);
    expect((await api(`/api/orgs/${org.id}/scim/tokens/${tokenId}`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    await expect401(await scimClient(org.id, token)("/Users"));
    expect((await scimClient(org.id, second.token)("/Users")).status).toBe(200);
  });

  it("another organization's SCIM token is refused, even when it names this organization in the path", async () => {
    const { org } = await scimOrg();
    const other = await scimOrg();
    await expect401(await scimClient(org.id, other.token)("/Users"));
    // The same token with this organization's ID spliced in: its hash is unknown here.
    await expect401(await scimClient(org.id, other.token.replace(other.org.id, org.id))("/Users"));
  });

  it("an org API key, the bootstrap credential, an extension-style bearer session and a session cookie are refused", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    await newToken(org.id);
    const key = (await (await api(`/api/orgs/${org.id}/api-keys`, { method: "POST", headers: BOOTSTRAP, json: { name: "ci", role: "admin" } })).json()) as {
      key: string;
    };
    await expect401(await scimClient(org.id, key.key)("/Users"));
    await expect401(await api(`/${org.id}/scim/v2/Users`, { headers: BOOTSTRAP }));
    await expect401(await scimClient(org.id, `poc_s_${org.id}_${"A".repeat(43)}`)("/Users"));
    const cookie = await signIn(idp, org, "admin.cookie@example.com");
    await expect401(await api(`/${org.id}/scim/v2/Users`, { headers: { cookie } }));
  });

  it("a SCIM token is refused on the /api routes, the gate's Okta routes included (it is no session, API key or bootstrap credential)", async () => {
    const { org, token } = await scimOrg();
    for (const path of [`/api/orgs/${org.id}/users`, `/api/orgs/${org.id}/okta/users?q=ada`, `/api/orgs/${org.id}/scim/tokens`, "/api/me"]) {
      const response = await api(path, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe("unauthenticated");
    }
  });

  it("a token for an organization that does not exist is refused without touching storage", async () => {
    await expect401(await scimClient("no-such-org", `poc_scim_no-such-org_${"a".repeat(64)}`)("/Users"));
  });

  it("authorisation comes before the body: an unauthenticated oversized or malformed write is a 401", async () => {
    const { org } = await scimOrg();
    const response = await api(`/${org.id}/scim/v2/Users`, { method: "POST", headers: { "content-type": "application/scim+json" }, body: "{not json" });
    await expect401(response);
  });
});
