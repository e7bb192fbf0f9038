/** Persona conformance: `POST /inquiries` as verified recovery uses it (docs/persona.md §4). */
import { describe, expect, it } from "vitest";
import {
  api,
  control,
  controlInquiry,
  createInquiry,
  expectPersonaError,
  type J,
  json,
  newEnv,
  recoveryInquiry,
  requestsOf,
  seed,
  setUpConformance,
  TEMPLATE_ID,
} from "./support";

setUpConformance();

const OKTA_USER = "00uRecovery000000001";
const minimal = (attributes: Record<string, unknown> = {}, meta?: Record<string, unknown>) => ({
  data: { attributes: { "inquiry-template-id": TEMPLATE_ID, ...attributes } },
  ...(meta === undefined ? {} : { meta }),
});

describe("POST /inquiries", () => {
  it("creates an inquiry in status created, with the prefill as typed fields and the other template fields null", async () => {
    const env = await newEnv();
    const response = await createInquiry(env, recoveryInquiry(OKTA_USER));
    const body = await json(response);
    expect(response.status, JSON.stringify(body)).toBe(201);
    const { attributes, relationships } = body.data;
    expect(body.data.id).toMatch(/^inq_[A-Za-z0-9]{24}$/);
    expect(attributes).toMatchObject({ status: "created", "reference-id": OKTA_USER, note: "verified recovery", tags: ["okta:recovery"], creator: "API" });
    expect(attributes.fields["name-first"]).toEqual({ type: "string", value: "Ada" });
    expect(attributes.fields["name-last"]).toEqual({ type: "string", value: "Lovelace" });
    expect(attributes.fields.birthdate).toEqual({ type: "date", value: "1815-12-10" });
    expect(attributes.fields["email-address"]).toEqual({ type: "string", value: "ada@acme.test" });
    expect(attributes.fields["phone-number"]).toEqual({ type: "string", value: null });
    expect(relationships["inquiry-template"].data).toEqual({ type: "inquiry-template", id: TEMPLATE_ID });
    expect(relationships.template.data).toBeNull();
    const fetched = await json(await api(env, `/inquiries/${body.data.id}`));
    expect(fetched.data.attributes.fields).toEqual(attributes.fields);
    expect((await controlInquiry(env, body.data.id)).meta.redirectUri).toBe("https://recover.acme.test/done");
  });

  it("auto-create-account: creates the account with that reference ID, then attaches later inquiries to it", async () => {
    const env = await newEnv();
    const first = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    const accountId = first.data.relationships.account.data.id;
    expect(accountId).toMatch(/^act_/);
    const accounts = await json(await api(env, `/accounts?filter%5Breference-id%5D=${OKTA_USER}`));
    expect(accounts.data.map((account: J) => account.id)).toEqual([accountId]);
    const second = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    expect(second.data.relationships.account.data.id).toBe(accountId);
    expect((await control("GET", `/envs/${env.envId}/accounts`)).length).toBe(1);
  });

  it("auto-create-account: reuses a seeded account with the reference ID, ignoring auto-create-account-type-id", async () => {
    const env = await newEnv();
    const [account] = await seed(env, "accounts", [{ referenceId: OKTA_USER }]);
    const body = await json(await createInquiry(env, recoveryInquiry(OKTA_USER, { meta: { "auto-create-account-type-id": "acttp_unknown" } })));
    expect(body.data.relationships.account.data).toEqual({ type: "account", id: account.id });
    expect(body.data.attributes["reference-id"]).toBe(OKTA_USER);
  });

  it("account-id attaches a known account; auto-create-account: false without one leaves the inquiry without an account", async () => {
    const env = await newEnv();
    const [account] = await seed(env, "accounts", [{ referenceId: "00uKnown" }]);
    const attached = await json(await createInquiry(env, minimal({ "account-id": account.id })));
    expect([attached.data.relationships.account.data.id, attached.data.attributes["reference-id"]]).toEqual([account.id, "00uKnown"]);
    const bare = await json(await createInquiry(env, minimal({}, { "auto-create-account": false })));
    expect([bare.data.relationships.account.data, bare.data.attributes["reference-id"]]).toEqual([null, null]);
    // Persona's default is auto-create-account: true, so a bare request still makes an account (without a reference ID).
    const defaulted = await json(await createInquiry(env, minimal()));
    expect(defaulted.data.relationships.account.data.id).not.toBe(account.id);
    expect((await control("GET", `/envs/${env.envId}/accounts`)).length).toBe(2);
  });

  it("meta: one-time link (24 h by default, or one-time-link-expiration-seconds), session token, expires-at; null when not asked", async () => {
    const env = await newEnv();
    const before = Date.now();
    const plain = await json(await createInquiry(env, minimal()));
    expect(plain.meta).toEqual({ "session-token": null, "one-time-link": null, "one-time-link-short": null });
    expect(plain.data.relationships.sessions.data).toEqual([]);

    const linked = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    // Persona's own https hosts (the spec's examples), as a client that holds the link to https expects.
    expect(linked.meta["one-time-link"]).toMatch(/^https:\/\/withpersona\.com\/verify\?code=us1-[A-Za-z0-9]+$/);
    expect(linked.meta["one-time-link-short"]).toMatch(/^https:\/\/perso\.na\/[A-Za-z0-9]+$/);
    const [session] = (await controlInquiry(env, linked.data.id)).meta.sessions;
    expect(linked.data.relationships.sessions.data).toEqual([{ type: "inquiry-session", id: session.id }]);
    expect(Date.parse(session.expiresAt) - before).toBeGreaterThanOrEqual(86_400_000 - 5_000);
    expect(Date.parse(session.expiresAt) - before).toBeLessThan(86_400_000 + 5_000);

    const short = await json(
      await createInquiry(
        env,
        recoveryInquiry(OKTA_USER, {
          meta: { "one-time-link-expiration-seconds": 600, "auto-create-inquiry-session": true, "expiration-after-create-interval-seconds": 3600 },
        }),
      ),
    );
    const shortSession = (await controlInquiry(env, short.data.id)).meta.sessions[0];
    expect(Date.parse(shortSession.expiresAt) - Date.parse(shortSession.createdAt)).toBe(600_000);
    expect(short.meta["session-token"]).toEqual(expect.any(String));
    expect(Date.parse(short.data.attributes["expires-at"]) - Date.parse(short.data.attributes["created-at"])).toBe(3_600_000);
  });

  it("with the option oneTimeLinkHost: fake, links point at the fake's own page", async () => {
    const env = await newEnv({ options: { oneTimeLinkHost: "fake" } });
    const { meta } = await json(await createInquiry(env, recoveryInquiry(OKTA_USER)));
    expect(meta["one-time-link"]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/e/${env.envId}/verify\\?code=us1-`));
    expect(meta["one-time-link-short"]).toMatch(new RegExp(`/e/${env.envId}/l/[A-Za-z0-9]+$`));
  });

  it("Idempotency-Key: a retry answers the first inquiry and creates nothing; another body with the key is refused", async () => {
    const env = await newEnv();
    const first = await createInquiry(env, recoveryInquiry(OKTA_USER), { idempotencyKey: "recovery-click-1" });
    const firstBody = await json(first);
    const retry = await createInquiry(env, recoveryInquiry(OKTA_USER), { idempotencyKey: "recovery-click-1" });
    expect(retry.status).toBe(201);
    expect(await json(retry)).toEqual(firstBody);
    expect((await control("GET", `/envs/${env.envId}/inquiries`)).map((item: J) => item.id)).toEqual([firstBody.data.id]);
    expect((await requestsOf(env)).map((entry: J) => entry.idempotency)).toEqual(["stored", "replayed"]);
    const other = recoveryInquiry("00uSomeoneElse");
    await expectPersonaError(await createInquiry(env, other, { idempotencyKey: "recovery-click-1" }), "create-an-inquiry", 422, "Unprocessable entity");
  });

  it("a legacy template-id (tmpl_…) makes a Legacy 2.0 inquiry, which filter[template-id] finds", async () => {
    const env = await newEnv();
    const body = await json(await createInquiry(env, { data: { attributes: { "template-id": "tmpl_Legacy0001" } } }));
    expect(body.data.relationships.template.data).toEqual({ type: "template", id: "tmpl_Legacy0001" });
    expect(body.data.relationships["inquiry-template"].data).toBeNull();
    const list = await json(await api(env, "/inquiries?filter%5Btemplate-id%5D=tmpl_Legacy0001"));
    expect(list.data.map((item: J) => item.id)).toEqual([body.data.id]);
  });

  it("include=account answers the account in included; Key-Inflection applies to meta", async () => {
    const env = await newEnv();
    const body = await json(await createInquiry(env, recoveryInquiry(OKTA_USER), { query: "?include=account" }));
    expect(body.included.map((item: J) => [item.type, item.attributes["reference-id"]])).toEqual([["account", OKTA_USER]]);
    const camel = await json(await api(env, "/inquiries", { json: recoveryInquiry(OKTA_USER), headers: { "key-inflection": "camel" } }));
    expect(Object.keys(camel.meta).sort()).toEqual(["oneTimeLink", "oneTimeLinkShort", "sessionToken"]);
  });
});

describe("POST /inquiries refuses what Persona refuses, and writes nothing when it does", () => {
  it.each([
    ["no body", undefined, 400],
    ["no data", { meta: {} }, 400],
    ["an attribute the spec lacks", minimal({ status: "approved" }), 400],
    ["data.type (data has attributes only)", { data: { type: "inquiry", attributes: { "inquiry-template-id": TEMPLATE_ID } } }, 400],
    ["no template", { data: { attributes: { note: "x" } } }, 400],
    ["two templates", minimal({ "template-id": "tmpl_Legacy0001" }), 400],
    ["a template version (not modelled)", { data: { attributes: { "inquiry-template-version-id": "itmplv_1" } } }, 400],
    ["a non-string note", minimal({ note: 3 }), 400],
    ["a non-string name-first", minimal({ fields: { "name-first": 42 } }), 400],
    ["a reference ID without auto-create-account", minimal({}, { "auto-create-account": false, "auto-create-account-reference-id": OKTA_USER }), 400],
    ["account-id and a reference ID", minimal({ "account-id": "act_x" }, { "auto-create-account-reference-id": OKTA_USER }), 400],
    ["an unknown account-id", minimal({ "account-id": "act_unknown0000000000000000" }), 404],
    ["an itmpl_ id in template-id", { data: { attributes: { "template-id": TEMPLATE_ID } } }, 404],
    ["an unknown auto-create-account-type-id", minimal({}, { "auto-create-account-reference-id": "00uNew", "auto-create-account-type-id": "acttp_x" }), 404],
    ["a birthdate not YYYY-MM-DD", minimal({ fields: { birthdate: "10/12/1815" } }), 422],
    ["an impossible birthdate", minimal({ fields: { birthdate: "1815-02-30" } }), 422],
    ["a link lifetime of 0", minimal({}, { "auto-create-one-time-link": true, "one-time-link-expiration-seconds": 0 }), 422],
  ])("%s: %i", async (_, body, status) => {
    const env = await newEnv();
    const response = await api(env, "/inquiries", { method: "POST", json: body, headers: body === undefined ? { "content-type": "application/json" } : {} });
    const title = { 400: "Bad Request", 404: "Record not found", 422: "Unprocessable entity" }[status]!;
    const error = await expectPersonaError(response, "create-an-inquiry", status, title);
    if (status === 422) expect(error.errors[0].source.pointer).toMatch(/^\/(data\/attributes\/fields\/birthdate|meta\/one-time-link-expiration-seconds)$/);
    const state = await control("GET", `/envs/${env.envId}`);
    expect(state.counts).toMatchObject({ accounts: 0, inquiries: 0 });
  });

  it("an environment with inquiryTemplateIds answers 404 for another template", async () => {
    const env = await newEnv({ options: { inquiryTemplateIds: [TEMPLATE_ID] } });
    expect((await createInquiry(env, minimal())).status).toBe(201);
    const other = { data: { attributes: { "inquiry-template-id": "itmpl_Mistyped000000000000" } } };
    const error = await expectPersonaError(await createInquiry(env, other), "create-an-inquiry", 404, "Record not found");
    expect(error.errors[0].details).toMatch(/inquiry-template-id/);
  });

  it("needs the inquiry.write permission (403 with a read-only key)", async () => {
    const env = await newEnv();
    const readOnly = (await control("POST", `/envs/${env.envId}/api-keys`, { permissions: ["inquiry.read"] })).apiKey;
    await expectPersonaError(await createInquiry(env, minimal(), { key: readOnly }), "create-an-inquiry", 403, "Forbidden");
  });
});
