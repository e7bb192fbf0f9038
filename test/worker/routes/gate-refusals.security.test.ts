import { describe, expect, it } from "vitest";
import { oktaFixture } from "../okta/support";
import { api, BOOTSTRAP } from "../support/api";

type Entry = { action: string; result: string; status: number; errorCode?: string | null; targetUserId?: string | null };

async function auditOf(orgId: string): Promise<Entry[]> {
  return ((await (await api(`/api/orgs/${orgId}/audit`, { headers: BOOTSTRAP })).json()) as { entries: Entry[] }).entries;
}

const raw = (orgId: string, path: string, headers: Record<string, string>, body?: string) =>
  api(`/api/orgs/${orgId}/okta${path}`, { method: "POST", headers, ...(body === undefined ? {} : { body }) });

describe("input the edge refuses on an Okta action still goes to the gate (routes/gate-refusals.ts)", () => {
  it("a forged API key with a malformed body gets its 401 from the gate, not a 400 that confirms the route", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const forged = { authorization: `Bearer poc_${okta.org.id}_${"ab".repeat(32)}`, "content-type": "application/json" };
    const response = await raw(okta.org.id, `/users/${okta.users.active}`, forged, "{not json");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });

  it.each([
    ["malformed JSON", { "content-type": "application/json" }, "{not json", 400, "invalid_json"],
    ["a body that is not declared JSON", { "content-type": "text/plain" }, "profile=x", 400, "invalid_request"],
    ["a field the schema refuses", { "content-type": "application/json" }, JSON.stringify({ profile: { login: 5 }, admin: true }), 400, "invalid_request"],
  ])("%s from a real caller is refused with its code and audited as refused, with no Okta call", async (_name, headers, body, status, code) => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const before = (await okta.apiRequests()).length;
    const response = await raw(okta.org.id, `/users/${okta.users.active}`, { ...BOOTSTRAP, ...headers }, body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    expect((await auditOf(okta.org.id))[0]).toMatchObject({ action: "update", result: "refused", status, targetUserId: okta.users.active });
    expect((await okta.apiRequests()).length).toBe(before);
  });

  it("a user given by login where an Okta ID is required is refused and audited", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const response = await raw(okta.org.id, "/users/ada%40acme.test/temporary-access-code", BOOTSTRAP);
    expect(response.status).toBe(400);
    expect((await auditOf(okta.org.id))[0]).toMatchObject({ action: "temporary_access_code", result: "refused" });
  });

  it("an action the catalog does not have is a 404 route, not an attempt: nothing is audited", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const response = await raw(okta.org.id, `/users/${okta.users.active}/lifecycle/delete`, BOOTSTRAP);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("route_not_found");
    expect((await auditOf(okta.org.id)).filter((entry) => entry.targetUserId === okta.users.active)).toEqual([]);
  });

  it("an empty body labelled JSON is no body on routes whose body is optional (as automation tools send it)", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const response = await raw(okta.org.id, `/users/${okta.users.active}/lifecycle/suspend`, { ...BOOTSTRAP, "content-type": "application/json" }, "");
    expect(response.status).toBe(200);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("SUSPENDED");
  });
});
