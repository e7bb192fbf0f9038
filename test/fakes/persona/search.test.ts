/** Persona conformance: the search query language, searchable fields and the index lag. */
import { describe, expect, it } from "vitest";
import { api, control, type J, json, newEnv, oktaUserEnv, seed, setUpConformance } from "./support";

setUpConformance();

describe("search: the query language, searchable fields and the index lag", () => {
  it("combines and/or/not and refuses nesting deeper than 2 levels, unknown attributes and operators", async () => {
    const world = await oktaUserEnv();
    const search = (query: unknown) => api(world.env, "/accounts/search", { json: { query } });
    const leaf = (value: string) => ({ attribute: "fields.email_address", operator: "eq", value });
    const ids = async (query: unknown) => (await json(await search(query))).data.map((account: J) => account.id).sort();
    expect(await ids({ or: [leaf("ada@acme.test"), leaf("grace@acme.test")] })).toEqual([world.account.id, world.other.id].sort());
    expect(await ids({ and: [{ not: leaf("grace@acme.test") }, { attribute: "status", operator: "eq", value: "ACTIVE" }] })).toEqual([world.account.id]);
    expect((await search({ and: [{ or: [{ and: [leaf("x")] }] }] })).status).toBe(400);
    expect((await search({ attribute: "email", operator: "eq", value: "x" })).status).toBe(400);
    expect((await search({ attribute: "fields.email_address", operator: "like", value: "x" })).status).toBe(400);
    expect((await search({ or: Array.from({ length: 21 }, () => leaf("x")) })).status).toBe(400);
  });

  it("refuses a field that is not marked searchable", async () => {
    const world = await oktaUserEnv({ options: { searchableAccountFields: ["email_address"] } });
    expect((await api(world.env, "/accounts/search", { json: { query: { attribute: "fields.email_address", operator: "eq", value: "a" } } })).status).toBe(200);
    expect((await api(world.env, "/accounts/search", { json: { query: { attribute: "fields.phone_number", operator: "eq", value: "a" } } })).status).toBe(400);
  });

  it("lags writes by searchLagMs while lists see them at once; flushing the index catches up", async () => {
    const env = await newEnv({ options: { searchLagMs: 60_000 } });
    const [account] = await seed(env, "accounts", [{ referenceId: "00uLAG", fields: { email_address: "lag@acme.test" } }]);
    const query = { query: { attribute: "fields.email_address", operator: "eq", value: "lag@acme.test" } };
    expect((await json(await api(env, "/accounts/search", { json: query }))).data).toEqual([]);
    expect((await json(await api(env, "/accounts?filter%5Breference-id%5D=00uLAG"))).data.map((item: J) => item.id)).toEqual([account.id]);
    await control("POST", `/envs/${env.envId}/search-index/flush`);
    expect((await json(await api(env, "/accounts/search", { json: query }))).data.map((item: J) => item.id)).toEqual([account.id]);
  });
});
