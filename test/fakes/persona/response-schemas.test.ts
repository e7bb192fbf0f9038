/** Persona conformance: the fake's responses and error bodies validate against the spec's schemas. */
import { beforeAll, describe, expect, it } from "vitest";
import {
  addTag,
  api,
  control,
  createInquiry,
  doc,
  expectMatchesSpec,
  expectPersonaError,
  expectPersonaHeaders,
  expectRequestMatchesSpec,
  type J,
  json,
  newEnv,
  oktaUserEnv,
  recoveryInquiry,
  seed,
  setUpConformance,
  TEMPLATE_ID,
  transition,
} from "./support";

setUpConformance();

describe("responses validate against the spec's schemas", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it("account list (reference-id filter): typed, un-inflected fields and tags", async () => {
    const response = await api(world.env, `/accounts?filter%5Breference-id%5D=${world.oktaUserId}`);
    const body = await json(response);
    expect(response.status).toBe(200);
    expectPersonaHeaders(response, world.env);
    expectMatchesSpec("list-all-accounts", 200, body);
    expect(body.data.map((account: J) => account.id)).toEqual([world.account.id]);
    expect(body.data[0].attributes["reference-id"]).toBe(world.oktaUserId);
    expect(body.data[0].attributes.fields.email_address).toEqual({ type: "string", value: "ada@acme.test" });
    expect(body.data[0].attributes.tags).toEqual(["vip"]);
  });

  it("account retrieve and account search", async () => {
    expectMatchesSpec("retrieve-an-account", 200, await json(await api(world.env, `/accounts/${world.account.id}?include=account-type`)));
    const search = await api(world.env, "/accounts/search", { json: { query: { attribute: "fields.email_address", operator: "eq", value: "ada@acme.test" } } });
    const body = await json(search);
    expect(search.status).toBe(200);
    expectMatchesSpec("search-accounts", 200, body);
    expect(body.data.map((account: J) => account.id)).toEqual([world.account.id]);
  });

  it("case list (account-id filter), newest first", async () => {
    const body = await json(await api(world.env, `/cases?filter%5Baccount-id%5D=${world.account.id}`));
    expectMatchesSpec("list-all-cases", 200, body);
    expect(body.data.map((item: J) => item.id)).toEqual([world.open.id, world.resolved.id]);
    expect(body.data[1].attributes).toMatchObject({ status: "Approved", resolution: "Approved", "resolved-at": "2025-01-04T00:00:00.000Z" });
    expect(body.data[0].attributes).toMatchObject({ status: "Open", "resolved-at": null, "assignee-id": "reviewer@acme.test" });
  });

  it("case retrieve with include=accounts,inquiries,case-comments,case-template", async () => {
    const body = await json(await api(world.env, `/cases/${world.open.id}?include=accounts,inquiries,case-comments,case-template`));
    expectMatchesSpec("retrieve-case", 200, body);
    expect(body.included.map((item: J) => `${item.type}:${item.id}`).sort()).toEqual(
      [
        `account:${world.account.id}`,
        `inquiry:${world.inquiryNew.id}`,
        `case-comment:${body.data.relationships["case-comments"].data[0].id}`,
        `case-template:${body.data.relationships["case-template"].data.id}`,
      ].sort(),
    );
    expect(body.data.relationships.accounts.data).toEqual([{ type: "account", id: world.account.id }]);
  });

  it("case search", async () => {
    const body = await json(
      await api(world.env, "/cases/search", { json: { query: { attribute: "fields.okta-email", operator: "eq", value: "ada@acme.test" } } }),
    );
    expectMatchesSpec("search-cases", 200, body);
    expect(body.data.map((item: J) => item.id)).toEqual([world.resolved.id]);
  });

  it("inquiry list and inquiry retrieve with include=account", async () => {
    const list = await json(await api(world.env, `/inquiries?filter%5Baccount-id%5D=${world.account.id}`));
    expectMatchesSpec("list-all-inquiries", 200, list);
    expect(list.data.map((item: J) => item.id)).toEqual([world.inquiryNew.id, world.inquiryOld.id]);
    const one = await json(await api(world.env, `/inquiries/${world.inquiryNew.id}?include=account`));
    expectMatchesSpec("retrieve-an-inquiry", 200, one);
    expect(one.included.map((item: J) => item.id)).toEqual([world.account.id]);
  });

  it("inquiry creation (201): the spec's own example request, and verified recovery's with link, session and include=account", async () => {
    const example = doc.components.examples["create-inquiry"].value;
    expectRequestMatchesSpec("create-an-inquiry", example);
    const plain = await createInquiry(world.env, example);
    const plainBody = await json(plain);
    expect(plain.status, JSON.stringify(plainBody)).toBe(201);
    expectPersonaHeaders(plain, world.env);
    expectMatchesSpec("create-an-inquiry", 201, plainBody);

    const recovery = recoveryInquiry(world.oktaUserId, { meta: { "auto-create-inquiry-session": true, "one-time-link-expiration-seconds": 3600 } });
    expectRequestMatchesSpec("create-an-inquiry", recovery);
    const body = await json(await createInquiry(world.env, recovery, { query: "?include=account" }));
    expectMatchesSpec("create-an-inquiry", 201, body);
    expect(body.data.relationships.account.data.id).toBe(world.account.id);
    expect(body.included.map((item: J) => item.id)).toEqual([world.account.id]);
    expect(body.meta["one-time-link"]).toEqual(expect.any(String));

    const legacy = { data: { attributes: { "template-id": "tmpl_Legacy0001" } }, meta: { "auto-create-account": false } };
    expectRequestMatchesSpec("create-an-inquiry", legacy);
    expectMatchesSpec("create-an-inquiry", 201, await json(await createInquiry(world.env, legacy)));
  });

  it("generate-a-one-time-link (200), and the inquiry after verified fields and a decision", async () => {
    const created = await json(await createInquiry(world.env, recoveryInquiry(world.oktaUserId)));
    const request = { meta: { "expires-in-seconds": 600 } };
    expectRequestMatchesSpec("generate-a-one-time-link", request);
    const link = await api(world.env, `/inquiries/${created.data.id}/generate-one-time-link?include=account`, { json: request });
    expect(link.status).toBe(200);
    expectPersonaHeaders(link, world.env);
    expectMatchesSpec("generate-a-one-time-link", 200, await json(link));

    await control("POST", `/envs/${world.env.envId}/inquiries/${created.data.id}/verified-fields`, { "name-first": "Ada", birthdate: "1815-12-10" });
    await transition(world.env, created.data.id, { status: "completed" });
    await transition(world.env, created.data.id, { status: "approved" });
    const retrieved = await json(await api(world.env, `/inquiries/${created.data.id}`));
    expectMatchesSpec("retrieve-an-inquiry", 200, retrieved);
    expect(retrieved.data.attributes.status).toBe("approved");
  });

  it("inquiry write errors: create 400, 403, 404, 422; generate-one-time-link 404, 409, 422", async () => {
    const { env } = world;
    const template = { "inquiry-template-id": TEMPLATE_ID };
    await expectPersonaError(await createInquiry(env, { data: {} }), "create-an-inquiry", 400, "Bad Request");
    const readOnly = (await control("POST", `/envs/${env.envId}/api-keys`, { permissions: ["inquiry.read"] })).apiKey;
    await expectPersonaError(await createInquiry(env, { data: { attributes: template } }, { key: readOnly }), "create-an-inquiry", 403, "Forbidden");
    await expectPersonaError(
      await createInquiry(env, { data: { attributes: { ...template, "account-id": "act_unknown0000000000000000" } } }),
      "create-an-inquiry",
      404,
      "Record not found",
    );
    const bad = await expectPersonaError(
      await createInquiry(env, { data: { attributes: { ...template, fields: { birthdate: "12/10/1815" } } } }),
      "create-an-inquiry",
      422,
      "Unprocessable entity",
    );
    expect(bad.errors[0].source).toEqual({ pointer: "/data/attributes/fields/birthdate" });

    const generate = (id: string, json?: unknown) => api(env, `/inquiries/${id}/generate-one-time-link`, { method: "POST", json });
    await expectPersonaError(await generate("inq_unknown000000000000000000"), "generate-a-one-time-link", 404, "Record not found");
    const [redacted] = await seed(env, "inquiries", [{ redactedAt: "2025-05-01T00:00:00Z" }]);
    await expectPersonaError(await generate(redacted.id), "generate-a-one-time-link", 409, "Conflict");
    await expectPersonaError(
      await generate(world.inquiryNew.id, { meta: { "expires-in-seconds": -1 } }),
      "generate-a-one-time-link",
      422,
      "Unprocessable entity",
    );
  });

  it("add-tag result", async () => {
    const response = await addTag(world.env, world.open.id, "okta:suspended");
    const body = await json(response);
    expect(response.status).toBe(200);
    expectMatchesSpec("add-tag", 200, body);
    expect(body.data.attributes.tags).toEqual(["okta:suspended"]);
  });

  it("error bodies: 400, 401, 403, 404, 409, 422, 429", async () => {
    const { env } = world;
    await expectPersonaError(await api(env, "/cases?filter%5Bemail%5D=x"), "list-all-cases", 400, "Bad Request");
    await expectPersonaError(await api(env, "/cases", { key: null }), "list-all-cases", 401, "Must be authenticated to access this endpoint");
    await expectPersonaError(await api(env, "/cases/case_doesNotExist0000000000000"), "retrieve-case", 404, "Record not found");

    const readOnly = (await control("POST", `/envs/${env.envId}/api-keys`, { permissions: ["case.read"] })).apiKey;
    await expectPersonaError(await addTag(env, world.open.id, "x", undefined, readOnly), "add-tag", 403, "Forbidden");

    const [redacted] = await seed(env, "cases", [{ redactedAt: "2025-05-01T00:00:00Z" }]);
    await expectPersonaError(await addTag(env, redacted.id, "x"), "add-tag", 409, "Conflict");

    await addTag(env, world.open.id, "first", "key-422");
    const mismatch = await expectPersonaError(await addTag(env, world.open.id, "second", "key-422"), "add-tag", 422, "Unprocessable entity");
    expect(mismatch.errors[0].details).toMatch(/Idempotency-Key/);

    const limited = await newEnv({ rateLimit: { limit: 0 } });
    const body = await expectPersonaError(await api(limited, "/cases"), "list-all-cases", 429, "Rate limit exceeded");
    expect(body.errors[0].details).toBe(
      "You have hit your rate limit of 0 requests / min. Please reach out to support@withpersona.com if you need this changed.",
    );
  });
});
