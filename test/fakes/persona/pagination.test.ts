/** Persona conformance: page[size], page[after], page[before] and the links of lists and searches. */
import { beforeAll, describe, expect, it } from "vitest";
import { api, expectMatchesSpec, follow, type J, json, newEnv, seed, setUpConformance, type TestEnv } from "./support";

setUpConformance();

describe("pagination: page[size], page[after], page[before] and links", () => {
  let env: TestEnv;
  let accountId: string;
  let newestFirst: string[];
  beforeAll(async () => {
    env = await newEnv();
    const [account] = await seed(env, "accounts", [{ referenceId: "00uPAGES" }]);
    accountId = account.id;
    const cases = await seed(
      env,
      "cases",
      Array.from({ length: 25 }, (_, index) => ({ accounts: [account.id], createdAt: new Date(Date.UTC(2025, 0, 1 + index)).toISOString() })),
    );
    newestFirst = cases.map((item: J) => item.id).reverse();
  });

  it("pages newest first, 10 by default, and follows links.next to the end keeping the filters", async () => {
    const first = await json(await api(env, `/cases?filter%5Baccount-id%5D=${accountId}`));
    expect(first.data.map((item: J) => item.id)).toEqual(newestFirst.slice(0, 10));
    expect(first.links.prev).toBeNull();
    expect(first.links.next).toBe(`${new URL(env.baseUrl).pathname}/cases?page%5Bafter%5D=${newestFirst[9]}&filter%5Baccount-id%5D=${accountId}`);
    const seen = [...first.data];
    let next = first.links.next;
    while (next !== null) {
      const page = await json(await follow(env, next));
      expectMatchesSpec("list-all-cases", 200, page);
      seen.push(...page.data);
      next = page.links.next;
    }
    expect(seen.map((item: J) => item.id)).toEqual(newestFirst);
  });

  it("links.prev (page[before]) returns the page just before, and page[size] is kept in links", async () => {
    const second = await json(await api(env, `/cases?page%5Bsize%5D=5&page%5Bafter%5D=${newestFirst[4]}`));
    expect(second.data.map((item: J) => item.id)).toEqual(newestFirst.slice(5, 10));
    expect(second.links.prev).toContain("page%5Bsize%5D=5");
    const back = await json(await follow(env, second.links.prev));
    expect(back.data.map((item: J) => item.id)).toEqual(newestFirst.slice(0, 5));
    expect(back.links.prev).toBeNull();
  });

  it("refuses page[size] outside 1–100, a non-number, and after with before, with 400", async () => {
    for (const query of [
      "page%5Bsize%5D=0",
      "page%5Bsize%5D=101",
      "page%5Bsize%5D=ten",
      `page%5Bafter%5D=${newestFirst[0]}&page%5Bbefore%5D=${newestFirst[3]}`,
      "page%5Bcursor%5D=x",
    ]) {
      expect((await api(env, `/cases?${query}`)).status).toBe(400);
    }
    expect((await json(await api(env, "/cases?page%5Bsize%5D=100"))).data).toHaveLength(25);
  });

  it("answers an unknown cursor with an empty page", async () => {
    const body = await json(await api(env, "/cases?page%5Bafter%5D=case_gone00000000000000000000"));
    expect(body).toEqual({ data: [], links: { prev: null, next: null } });
  });

  it("paginates search results with page[size] in the body and links that carry it", async () => {
    const body = await json(await api(env, "/cases/search", { json: { page: { size: 20 } } }));
    expect(body.data.map((item: J) => item.id)).toEqual(newestFirst.slice(0, 20));
    expect(body.links.next).toBe(`${new URL(env.baseUrl).pathname}/cases/search?page%5Bafter%5D=${newestFirst[19]}&page%5Bsize%5D=20`);
    const rest = await json(await follow(env, body.links.next, { json: { page: { size: 20 } } }));
    expect(rest.data.map((item: J) => item.id)).toEqual(newestFirst.slice(20));
  });
});
