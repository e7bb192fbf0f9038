/** Okta conformance: `GET /api/v1/logs` time bounds, polling vs bounded requests, sort order, Link paging and limit. */
import { describe, expect, it } from "vitest";
import { expectOktaError, type J, setUpConformance } from "./support";
import { followPages, iso, logsOrg, minutesAgo, nextLink, query, seedEvents, selfLink } from "./system-log-support";

setUpConformance();

const DAY = 24 * 60 * 60_000;
const numbered = (count: number, minutesBack: (i: number) => number) =>
  Array.from({ length: count }, (_, i) => ({ eventType: "user.session.start", displayMessage: `event ${i}`, published: minutesAgo(minutesBack(i)) }));
const messages = (events: J[]) => events.map((event) => event.displayMessage);

describe("System Log time bounds and sort order", () => {
  it("bounds by published between since and until, ascending by default and reversed with DESCENDING", async () => {
    const { org, logs } = await logsOrg();
    await seedEvents(
      org,
      numbered(6, (i) => 60 - i * 10),
    ); // published 60, 50, … 10 minutes ago
    const window = { since: minutesAgo(45), until: minutesAgo(15) };
    expect(messages(await (await logs(query(window))).json())).toEqual(["event 2", "event 3", "event 4"]);
    expect(messages(await (await logs(query({ ...window, sortOrder: "DESCENDING" }))).json())).toEqual(["event 4", "event 3", "event 2"]);
    expect(messages(await (await logs(query({ sortOrder: "DESCENDING" }))).json())).toEqual(["event 5", "event 4", "event 3", "event 2", "event 1", "event 0"]);
    await expectOktaError(await logs(query({ sortOrder: "descending" })), "listLogEvents", 400, "E0000001");
  });

  it("defaults since to 7 days before until, never returns events past the 90-day retention, refuses since over 180 days", async () => {
    const { org, logs } = await logsOrg();
    await seedEvents(org, [
      { eventType: "user.session.start", displayMessage: "8 days", published: iso(Date.now() - 8 * DAY) },
      { eventType: "user.session.start", displayMessage: "100 days", published: iso(Date.now() - 100 * DAY) },
      { eventType: "user.session.start", displayMessage: "today", published: minutesAgo(1) },
    ]);
    expect(messages(await (await logs(query({ until: iso(Date.now()) }))).json())).toEqual(["today"]);
    const wide = { since: iso(Date.now() - 120 * DAY), until: iso(Date.now()) };
    expect(messages(await (await logs(query(wide))).json())).toEqual(["8 days", "today"]);
    await expectOktaError(
      await logs(query({ since: iso(Date.now() - 181 * DAY) })),
      "listLogEvents",
      400,
      "E0000053",
      "Invalid parameter: The since parameter is over 180 days prior to the current day.",
    );
    await expectOktaError(await logs(query({ since: minutesAgo(1), until: minutesAgo(2) })), "listLogEvents", 400, "E0000053");
  });

  it("answers a date that is not ISO 8601 with Okta's verbatim E0000001 and causes", async () => {
    const { logs } = await logsOrg();
    const body = await expectOktaError(
      await logs(query({ until: "yesterday" })),
      "listLogEvents",
      400,
      "E0000001",
      "Api validation failed: 'until': The date format in your query is not recognized. Please enter dates using ISO8601 string format.. 'until': must be a valid date-time or empty.",
    );
    expect(body.errorCauses).toEqual([
      { errorSummary: "until: The date format in your query is not recognized. Please enter dates using ISO8601 string format." },
      { errorSummary: "until: must be a valid date-time or empty." },
    ]);
    for (const since of ["2024-13-01T00:00:00Z", "1700000000", "2024-06-01 10:00"]) {
      await expectOktaError(await logs(query({ since })), "listLogEvents", 400, "E0000001");
    }
    for (const until of [iso(Date.now()), "2099-01-01", "2099-01-01T00:00:00+0100", "2099-01-01T00:00:00.123456-05:00"]) {
      expect((await logs(query({ until }))).status, until).toBe(200);
    }
  });

  it("filters polling requests by persistence time (a late event is not skipped) and bounded ones by published", async () => {
    const { org, logs } = await logsOrg();
    const since = iso(Date.now() - 1000);
    await seedEvents(org, [{ eventType: "user.session.start", displayMessage: "late", published: iso(Date.now() - 3 * DAY) }]);
    expect(messages(await (await logs(query({ since }))).json())).toEqual(["late"]);
    expect(messages(await (await logs(query({ since, until: iso(Date.now()) }))).json())).toEqual([]);
  });
});

describe("System Log paging by Link", () => {
  it("pages a bounded request with rel=next until the last page, which has none; every event once, in order", async () => {
    const { org, token, logs } = await logsOrg();
    await seedEvents(
      org,
      numbered(25, (i) => 50 - i),
    );
    const first = await logs(query({ since: minutesAgo(60), until: iso(Date.now()), limit: 10 }));
    expect(selfLink(first)).toBe(first.url);
    const { pages, last } = await followPages(first.url, token);
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat().map((event) => event.displayMessage)).toEqual(numbered(25, () => 0).map((event) => event.displayMessage));
    expect(nextLink(last)).toBeUndefined();
    expect(last.headers.get("link")).toContain('rel="self"');
  });

  it("pins until in the next link of a DESCENDING request that left it out, so later events do not shift the pages", async () => {
    const { org, token, logs } = await logsOrg();
    await seedEvents(
      org,
      numbered(5, (i) => 10 - i),
    );
    const first = await logs(query({ sortOrder: "DESCENDING", limit: 3 }));
    expect(messages(await first.json())).toEqual(["event 4", "event 3", "event 2"]);
    const next = nextLink(first)!;
    expect(new URL(next).searchParams.get("until")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await seedEvents(org, [{ eventType: "user.session.start", displayMessage: "newer" }]);
    const { pages } = await followPages(next, token);
    expect(pages.map(messages)).toEqual([["event 1", "event 0"]]);
  });

  it("always gives a polling request a next link, empty pages included, that returns only what was logged since", async () => {
    const { org, token, logs } = await logsOrg();
    await seedEvents(
      org,
      numbered(2, (i) => 5 - i),
    );
    const first = await logs(query({ limit: 10 }));
    expect(messages(await first.json())).toEqual(["event 0", "event 1"]);
    const empty = await fetch(nextLink(first)!, { headers: { authorization: `Bearer ${token}` } });
    expect(await empty.json()).toEqual([]);
    const next = nextLink(empty);
    expect(next).toBeDefined();
    await seedEvents(org, [{ eventType: "user.lifecycle.suspend", displayMessage: "new one" }]);
    const fresh = await fetch(next!, { headers: { authorization: `Bearer ${token}` } });
    expect(messages(await fresh.json())).toEqual(["new one"]);
    expect(nextLink(fresh)).toBeDefined();
    await expectOktaError(await logs(query({ after: "not-a-cursor" })), "listLogEvents", 400, "E0000053");
  });

  it("returns 100 events by default and at most 1000; limit=0 is an empty page; a non-integer limit is E0000001", async () => {
    const { org, logs } = await logsOrg();
    await seedEvents(
      org,
      numbered(1005, () => 30),
    );
    const bounded = { since: minutesAgo(40), until: iso(Date.now()) };
    const byDefault = await logs(query(bounded));
    expect(((await byDefault.json()) as J[]).length).toBe(100);
    expect(nextLink(byDefault)).toBeDefined();
    const capped = await logs(query({ ...bounded, limit: 5000 }));
    expect(((await capped.json()) as J[]).length).toBe(1000);
    expect(nextLink(capped)).toBeDefined();
    expect(((await (await logs(query({ ...bounded, limit: 1000, after: new URL(nextLink(capped)!).searchParams.get("after")! }))).json()) as J[]).length).toBe(
      5,
    );
    const zero = await logs(query({ ...bounded, limit: 0 }));
    expect(await zero.json()).toEqual([]);
    for (const limit of ["-1", "ten", "2.5"]) await expectOktaError(await logs(query({ ...bounded, limit })), "listLogEvents", 400, "E0000001");
  });
});
