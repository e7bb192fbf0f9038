/** Persona conformance: list filters and include. */
import { beforeAll, describe, expect, it } from "vitest";
import { api, type J, json, oktaUserEnv, setUpConformance } from "./support";

setUpConformance();

describe("filters and include", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it("accounts: filter[reference-id] takes one id, a CSV list or an array; other filters are refused", async () => {
    const ids = async (query: string) => (await json(await api(world.env, `/accounts?${query}`))).data.map((account: J) => account.id).sort();
    expect(await ids(`filter%5Breference-id%5D=${world.oktaUserId}`)).toEqual([world.account.id]);
    expect(await ids(`filter%5Breference-id%5D=${world.oktaUserId},00uOTHER0000000000000`)).toEqual([world.account.id, world.other.id].sort());
    expect(await ids(`filter%5Breference-id%5D%5B%5D=${world.oktaUserId}&filter%5Breference-id%5D%5B%5D=00uOTHER0000000000000`)).toEqual(
      [world.account.id, world.other.id].sort(),
    );
    expect(await ids("filter%5Breference-id%5D=00uNOBODY")).toEqual([]);
    expect((await api(world.env, "/accounts?filter%5Bemail-address%5D=ada@acme.test")).status).toBe(400);
  });

  it("cases: status (case-insensitive), account-id, inquiry-id and reference-id", async () => {
    const ids = async (query: string) => (await json(await api(world.env, `/cases?${query}`))).data.map((item: J) => item.id);
    expect(await ids("filter%5Bstatus%5D=open")).toEqual([world.open.id]);
    expect(await ids(`filter%5Binquiry-id%5D=${world.inquiryOld.id}`)).toEqual([world.resolved.id]);
    expect(await ids(`filter%5Breference-id%5D=${world.oktaUserId}`)).toEqual([world.open.id, world.resolved.id]);
    expect(await ids(`filter%5Baccount-id%5D=${world.other.id}`)).toEqual([]);
  });

  it("inquiries: status as CSV, reference-id, created-at range; note must be the only filter", async () => {
    const ids = async (query: string) => (await json(await api(world.env, `/inquiries?${query}`))).data.map((item: J) => item.id);
    expect(await ids(`filter%5Baccount-id%5D=${world.account.id}&filter%5Bstatus%5D=needs_review,completed`)).toEqual([world.inquiryNew.id]);
    expect(await ids(`filter%5Breference-id%5D=${world.oktaUserId}&filter%5Bstatus%5D=approved`)).toEqual([world.inquiryOld.id]);
    expect(await ids("filter%5Bcreated-at-end%5D=2025-02-01T00:00:00Z")).toEqual([world.inquiryOld.id]);
    expect((await api(world.env, `/inquiries?filter%5Bnote%5D=x&filter%5Bstatus%5D=approved`)).status).toBe(400);
  });

  it("include: only what is asked for, and an unknown relationship path is a 400", async () => {
    const plain = await json(await api(world.env, `/cases/${world.open.id}`));
    expect(plain).not.toHaveProperty("included");
    const accounts = await json(await api(world.env, `/cases/${world.open.id}?include=accounts`));
    expect(accounts.included.map((item: J) => item.type)).toEqual(["account"]);
    expect((await api(world.env, `/cases/${world.open.id}?include=owner`)).status).toBe(400);
  });
});
