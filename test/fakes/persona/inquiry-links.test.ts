/** Persona conformance: one-time links — generate-one-time-link, what a link opens, and when it stops working. */
import { describe, expect, it } from "vitest";
import { api, control, controlInquiry, createInquiry, expectPersonaError, json, newEnv, recoveryInquiry, seed, setUpConformance, transition } from "./support";

setUpConformance();

const OKTA_USER = "00uLinks000000000001";
/** An environment whose links point at the fake's own page, so the test can open them. */
const linkedEnv = () => newEnv({ options: { oneTimeLinkHost: "fake" } });
const generate = (env: Awaited<ReturnType<typeof newEnv>>, id: string, body?: unknown, query = "") =>
  api(env, `/inquiries/${id}/generate-one-time-link${query}`, { method: "POST", json: body });

describe("POST /inquiries/{id}/generate-one-time-link", () => {
  it("opens a new session with a new link (24 h by default); the earlier link keeps working", async () => {
    const env = await linkedEnv();
    const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    const response = await generate(env, created.data.id);
    const body = await json(response);
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.data.id).toBe(created.data.id);
    expect(body.meta["one-time-link"]).not.toBe(created.meta["one-time-link"]);
    expect(Object.keys(body.meta).sort()).toEqual(["one-time-link", "one-time-link-short"]);
    const sessions = (await controlInquiry(env, created.data.id)).meta.sessions;
    expect(sessions).toHaveLength(2);
    expect(body.data.relationships.sessions.data.map((item: { id: string }) => item.id)).toEqual(sessions.map((item: { id: string }) => item.id));
    expect(Date.parse(sessions[1].expiresAt) - Date.parse(sessions[1].createdAt)).toBe(86_400_000);
    expect((await fetch(created.meta["one-time-link"])).status).toBe(200);
    expect((await fetch(body.meta["one-time-link"])).status).toBe(200);
  });

  it("meta.expires-in-seconds sets the link's lifetime; include=account works as on the other inquiry answers", async () => {
    const env = await newEnv();
    const [inquiry] = await seed(env, "inquiries", [{}]);
    const body = await json(await generate(env, inquiry.id, { meta: { "expires-in-seconds": 90 } }));
    const [session] = (await controlInquiry(env, inquiry.id)).meta.sessions;
    expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(90_000);
    expect(session.oneTimeLink).toBe(body.meta["one-time-link"]);
    const [account] = await seed(env, "accounts", [{ referenceId: OKTA_USER }]);
    const [attached] = await seed(env, "inquiries", [{ account: account.id }]);
    expect((await json(await generate(env, attached.id, {}, "?include=account"))).included.map((item: { id: string }) => item.id)).toEqual([account.id]);
  });

  it("still gives an expired inquiry a link (it can be resumed after expiry)", async () => {
    const env = await newEnv();
    const [inquiry] = await seed(env, "inquiries", [{ status: "expired" }]);
    expect((await generate(env, inquiry.id)).status).toBe(200);
  });

  it("refuses an unknown inquiry (404), a lifetime of 0 (422), an unknown member (400) and a redacted inquiry (409)", async () => {
    const env = await newEnv();
    const [inquiry, redacted] = await seed(env, "inquiries", [{}, { redactedAt: "2025-05-01T00:00:00Z" }]);
    await expectPersonaError(await generate(env, "inq_unknown000000000000000000"), "generate-a-one-time-link", 404, "Record not found");
    const zero = await expectPersonaError(
      await generate(env, inquiry.id, { meta: { "expires-in-seconds": 0 } }),
      "generate-a-one-time-link",
      422,
      "Unprocessable entity",
    );
    expect(zero.errors[0].source).toEqual({ pointer: "/meta/expires-in-seconds" });
    await expectPersonaError(await generate(env, inquiry.id, { meta: { "expires-at": "tomorrow" } }), "generate-a-one-time-link", 400, "Bad Request");
    await expectPersonaError(await generate(env, inquiry.id, { meta: { "expires-in-seconds": "60" } }), "generate-a-one-time-link", 400, "Bad Request");
    await expectPersonaError(await generate(env, redacted.id), "generate-a-one-time-link", 409, "Conflict");
    expect((await controlInquiry(env, inquiry.id)).meta.sessions).toEqual([]);
  });
});

describe("what a one-time link opens", () => {
  it("the link answers a page naming the inquiry; the short link redirects to it; an unknown code is 404", async () => {
    const env = await linkedEnv();
    const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    const page = await fetch(created.meta["one-time-link"]);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain(`data-inquiry-id="${created.data.id}"`);
    const short = await fetch(created.meta["one-time-link-short"], { redirect: "manual" });
    expect([short.status, short.headers.get("location")]).toEqual([302, created.meta["one-time-link"]]);
    const unknown = new URL(created.meta["one-time-link"]);
    unknown.searchParams.set("code", "us1-nobody");
    expect((await fetch(unknown)).status).toBe(404);
    // Opening the link changes nothing: progress is driven through the control API.
    expect((await controlInquiry(env, created.data.id)).attributes.status).toBe("created");
  });

  it("a link in Persona's form (the default) is served by its code at the session's fakeUrl", async () => {
    const env = await newEnv();
    const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    const [session] = (await controlInquiry(env, created.data.id)).meta.sessions;
    expect(session.oneTimeLink).toBe(created.meta["one-time-link"]);
    expect(new URL(session.fakeUrl).searchParams.get("code")).toBe(new URL(created.meta["one-time-link"]).searchParams.get("code"));
    expect(await (await fetch(session.fakeUrl)).text()).toContain(`data-inquiry-id="${created.data.id}"`);
  });

  it("a link stops working once its lifetime has passed (410)", async () => {
    const env = await linkedEnv();
    const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER, { meta: { "one-time-link-expiration-seconds": 1 } })));
    expect((await fetch(created.meta["one-time-link"])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await fetch(created.meta["one-time-link"])).status).toBe(410);
    expect((await controlInquiry(env, created.data.id)).meta.sessions[0].expired).toBe(true);
  });

  it("expiring the inquiry expires every link it has (the spec's expire-an-inquiry); a new link works again", async () => {
    const env = await linkedEnv();
    const created = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    await transition(env, created.data.id, { status: "expired" });
    expect((await fetch(created.meta["one-time-link"])).status).toBe(410);
    const fresh = await json(await generate(env, created.data.id));
    expect((await fetch(fresh.meta["one-time-link"])).status).toBe(200);
    expect((await control("GET", `/envs/${env.envId}/inquiries/${created.data.id}`)).meta.sessions.map((s: { expired: boolean }) => s.expired)).toEqual([
      true,
      false,
    ]);
  });
});
