import { describe, expect, it } from "vitest";
import { CreatedScimTokenSchema, SCIM_MAX_TOKENS, ScimTokenListSchema } from "../../../shared/scim";
import { api, BOOTSTRAP, createOrg, errorCode } from "../support/api";
import { expectExact } from "../support/exact-schema";

const tokens = (orgId: string, init: RequestInit = {}) => api(`/api/orgs/${orgId}/scim/tokens`, { headers: BOOTSTRAP, ...init });

describe("/api/orgs/{org}/scim/tokens (admin)", () => {
  it("POST answers 201 {id, token, scimBaseUrl, createdAt} once, uncached; GET lists {id, createdAt, lastUsedAt} without the token", async () => {
    const org = await createOrg();
    const response = await tokens(org.id, { method: "POST" });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const created = expectExact(CreatedScimTokenSchema, await response.json());
    expect(created.token).toMatch(new RegExp(`^poc_scim_${org.id}_[0-9a-f]{64}$`));
    expect(created.scimBaseUrl).toBe(`https://companion.test/${org.id}/scim/v2`);
    const listed = await (await tokens(org.id)).text();
    expect(listed).not.toContain(created.token);
    expect(expectExact(ScimTokenListSchema, JSON.parse(listed))).toEqual({ tokens: [{ id: created.id, createdAt: created.createdAt, lastUsedAt: null }] });
    // A use is recorded.
    await api(`/${org.id}/scim/v2/Users`, { headers: { authorization: `Bearer ${created.token}` } });
    expect(ScimTokenListSchema.parse(await (await tokens(org.id)).json()).tokens[0]!.lastUsedAt).not.toBeNull();
  });

  it("DELETE answers 204, then 404; the audit names the token by ID, never the token", async () => {
    const org = await createOrg();
    const created = CreatedScimTokenSchema.parse(await (await tokens(org.id, { method: "POST" })).json());
    expect((await api(`/api/orgs/${org.id}/scim/tokens/${created.id}`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    const again = await api(`/api/orgs/${org.id}/scim/tokens/${created.id}`, { method: "DELETE", headers: BOOTSTRAP });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe("not_found");
    expect(ScimTokenListSchema.parse(await (await tokens(org.id)).json()).tokens).toEqual([]);
    const audit = await (await api(`/api/orgs/${org.id}/audit`, { headers: BOOTSTRAP })).text();
    expect(audit).toContain("scim_token_create");
    expect(audit).toContain("scim_token_revoke");
    expect(audit).not.toContain(created.token);
  });

  it(`at most ${SCIM_MAX_TOKENS} live tokens: the next is a 409 until one is revoked`, async () => {
    const org = await createOrg();
    for (let i = 0; i < SCIM_MAX_TOKENS; i++) expect((await tokens(org.id, { method: "POST" })).status).toBe(201);
    const refused = await tokens(org.id, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(await errorCode(refused)).toBe("scim_token_limit_reached");
  });
});
