/// <reference types="vite/client" />
/**
 * Conformance of the fake Persona API server (fakes/persona), which the worker's real Persona code paths are
 * tested against. Three things are proven here:
 * 1. the fake serves spec operations (operationId, method, path of Persona's 2025-12-08 OpenAPI spec);
 * 2. its real responses (account, case and inquiry lists and retrievals with `included`, search results, the
 *    add-tag result, the 400/401/403/404/409/422/429 error bodies) and the webhook bodies its sender produces
 *    validate against the spec's schemas (OpenAPI 3.1 = JSON Schema 2020-12);
 * 3. it behaves as PERSONA.md says Persona does: bearer auth, `Persona-Version`, response headers, pagination and
 *    its links, filters, include, search and its lag, the idempotency layer, the rate limit, fault switches, and
 *    webhook signatures verifiable with WebCrypto.
 * The fake runs in Node (started by test/global-setup.ts); this file runs in workerd and reaches it over loopback.
 */
import { type Schema, Validator } from "@cfworker/json-schema";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import spec from "../../shared/persona/2025-12-08.openapi-bundled.yaml?raw";
import { OPERATIONS } from "../fakes/persona/operations";
import { controlClient } from "./support/control-api";
import { findOperation } from "./support/openapi";

type J = any;

const FAKE = inject("fakePersonaUrl");
const CONTROL = `${FAKE}/__fake`;
const VERSION = "2025-12-08";

// --- control API helpers --------------------------------------------------------------------------------------

const control: (method: string, path: string, body?: unknown) => Promise<J> = controlClient(CONTROL);

interface TestEnv {
  envId: string;
  baseUrl: string;
  apiKey: string;
  environmentId: string;
}

const newEnv = (body: Record<string, unknown> = {}): Promise<TestEnv> => control("POST", "/envs", body);
const seed = (env: TestEnv, kind: "accounts" | "cases" | "inquiries", items: unknown[]): Promise<J[]> => control("POST", `/envs/${env.envId}/${kind}`, items);
const requestsOf = (env: TestEnv): Promise<J[]> => control("GET", `/envs/${env.envId}/requests`);
const addFaults = (env: TestEnv, faults: unknown) => control("POST", `/envs/${env.envId}/faults`, faults);

interface CallOptions {
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  key?: string | null;
  version?: string | null;
}

/** One API call with the env's key and the pinned `Persona-Version` unless told otherwise. */
function api(env: TestEnv, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  const key = options.key === undefined ? env.apiKey : options.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const version = options.version === undefined ? VERSION : options.version;
  if (version !== null) headers["persona-version"] = version;
  if (options.json !== undefined) headers["content-type"] = "application/json";
  return fetch(`${env.baseUrl}${path}`, {
    method: options.method ?? (options.json === undefined ? "GET" : "POST"),
    headers: { ...headers, ...options.headers },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
}

async function json(response: Response): Promise<J> {
  return response.json();
}

const origin = (env: TestEnv) => new URL(env.baseUrl).origin;
const follow = (env: TestEnv, link: string, options: CallOptions = {}) => api({ ...env, baseUrl: origin(env) }, link, options);
const addTag = (env: TestEnv, caseId: string, tag: string, idempotencyKey?: string, key?: string | null) =>
  api(env, `/cases/${caseId}/add-tag`, { json: { meta: { "tag-name": tag } }, headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {}, key });

/** An environment with one account (reference-id = an Okta user id), two cases and two inquiries. */
async function oktaUserEnv(body: Record<string, unknown> = {}) {
  const env = await newEnv(body);
  const oktaUserId = "00ub0oNGTSWTBKOLGLNR";
  const [account, other] = await seed(env, "accounts", [
    {
      "reference-id": oktaUserId,
      "account-status": "active",
      tags: ["vip"],
      fields: { email_address: "ada@acme.test", name: { first: "Ada", last: "Lovelace" } },
    },
    { referenceId: "00uOTHER0000000000000", fields: { email_address: "grace@acme.test" } },
  ]);
  const [inquiryOld, inquiryNew] = await seed(env, "inquiries", [
    { account: account.id, status: "approved", createdAt: "2025-01-02T00:00:00Z", completedAt: "2025-01-02T00:10:00Z" },
    { account: account.id, status: "needs_review", createdAt: "2025-03-02T00:00:00Z", fields: { "email-address": "ada@acme.test" } },
  ]);
  const [resolved, open] = await seed(env, "cases", [
    {
      accounts: [account.id],
      inquiries: [inquiryOld.id],
      status: "Approved",
      resolution: "Approved",
      createdAt: "2025-01-03T00:00:00Z",
      resolvedAt: "2025-01-04T00:00:00Z",
      fields: { "okta-email": "ada@acme.test" },
    },
    {
      accounts: [account.id],
      inquiries: [inquiryNew.id],
      status: "Open",
      assigneeId: "reviewer@acme.test",
      createdAt: "2025-03-03T00:00:00Z",
      comments: [{ message: "Asked for a new selfie", commenterId: "reviewer@acme.test" }],
    },
  ]);
  return { env, oktaUserId, account, other, inquiryOld, inquiryNew, resolved, open };
}

// --- the spec -------------------------------------------------------------------------------------------------

let doc: J;
beforeAll(() => {
  doc = parse(spec, { uniqueKeys: false });
}, 120_000);

const specOperation = (operationId: string): { path: string; method: string; op: J } => findOperation(doc, operationId);

function resolveRef(node: J): J {
  if (typeof node?.$ref !== "string") return node;
  return node.$ref
    .slice(2)
    .split("/")
    .reduce((value: J, part: string) => value[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

/** The spec's JSON schema of one response of an operation (following `components/responses` references). */
function responseSchema(operationId: string, status: number): J {
  const response = resolveRef(specOperation(operationId).op.responses[String(status)]);
  expect(response, `${operationId} declares a ${status} response`).toBeDefined();
  return response.content["application/json"].schema;
}

function webhookSchema(name: string): J {
  const webhook = doc.webhooks[name];
  expect(webhook, `the spec has a ${name} webhook`).toBeDefined();
  return webhook.post.requestBody.content["application/json"].schema;
}

/** The component schemas a schema reaches through `$ref`, transitively (copied: the validator annotates them). */
function referencedSchemas(schema: J, found: Record<string, J> = {}): Record<string, J> {
  const walk = (node: J) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/schemas/")) {
      const name = node.$ref.slice("#/components/schemas/".length);
      if (!(name in found)) {
        found[name] = structuredClone(doc.components.schemas[name]);
        walk(doc.components.schemas[name]);
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(schema);
  return found;
}

function schemaErrors(schema: J, value: unknown): string[] {
  const root = { allOf: [structuredClone(schema)], components: { schemas: referencedSchemas(schema) } };
  const result = new Validator(root as Schema, "2020-12", false).validate(value);
  return result.errors.map((error) => `${error.instanceLocation} ${error.keywordLocation}: ${error.error}`);
}

function expectMatchesSpec(operationId: string, status: number, body: unknown): void {
  expect(schemaErrors(responseSchema(operationId, status), body)).toEqual([]);
}

/** Persona's error envelope, valid per the spec's response for that status, with the expected title. */
async function expectPersonaError(response: Response, operationId: string, status: number, title: string): Promise<J> {
  const body = await json(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].title).toBe(title);
  expectMatchesSpec(operationId, status, body);
  return body;
}

function expectPersonaHeaders(response: Response, env: TestEnv): void {
  expect(response.headers.get("request-id")).toMatch(/^req_[A-Za-z0-9]{27}$/);
  expect(response.headers.get("persona-environment-id")).toBe(env.environmentId);
  expect(response.headers.get("persona-organization-id")).toMatch(/^org_[A-Za-z0-9]{27}$/);
  expect(Number(response.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
  expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
  expect(Number(response.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(0);
  expect(Number(response.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
}

// --- WebCrypto HMAC, as a receiver verifies `Persona-Signature` -------------------------------------------------

const encoder = new TextEncoder();
async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const digest = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** The `t=…,v1=…` sets of a `Persona-Signature` header. */
function signatureSets(header: string): Array<{ t: string; v1: string }> {
  return header.split(" ").map((set) => {
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(set);
    expect(match, `"${set}" is t=<unix>,v1=<64 hex>`).not.toBeNull();
    return { t: match![1]!, v1: match![2]! };
  });
}

async function verifies(header: string, rawBody: string, secret: string): Promise<boolean> {
  for (const { t, v1 } of signatureSets(header)) if ((await hmacHex(secret, `${t}.${rawBody}`)) === v1) return true;
  return false;
}

const sendWebhook = (env: TestEnv, body: Record<string, unknown>): Promise<J> => control("POST", `/envs/${env.envId}/webhooks/send`, body);

// ==============================================================================================================

describe("the fake serves operations of Persona's spec", () => {
  it("declares, for every operation it serves, the spec's method and path of that operationId", () => {
    for (const [operationId, operation] of Object.entries(OPERATIONS)) {
      const { path, method } = specOperation(operationId);
      expect({ operationId, method, path }).toEqual({ operationId, method: operation.method, path: operation.path });
    }
  });

  it("covers what the worker needs: account by reference-id, cases, case retrieve, add-tag, inquiries, both searches", () => {
    expect(Object.keys(OPERATIONS)).toEqual(
      expect.arrayContaining(["list-all-accounts", "search-accounts", "list-all-cases", "retrieve-case", "search-cases", "add-tag", "list-all-inquiries"]),
    );
  });
});

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

describe("webhook bodies validate against the spec's webhook schemas", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it.each([
    ["case.resolved", () => world.resolved.id],
    ["case.updated-tags", () => world.open.id],
    ["inquiry.marked-for-review", () => world.inquiryNew.id],
    ["account.tag-added", () => world.account.id],
  ])("%s, built from the object's current state, with its related objects in included", async (name, objectId) => {
    const sent = await sendWebhook(world.env, { dryRun: true, secret: "wbhsec_test", event: { name, objectId: objectId() } });
    const body = JSON.parse(sent.request.body);
    expect(schemaErrors(webhookSchema(name), body)).toEqual([]);
    expect(body.data).toMatchObject({ type: "event", id: sent.eventId, attributes: { name, payload: { data: { id: objectId() } } } });
    expect(sent.eventId).toMatch(/^evt_[A-Za-z0-9]{24}$/);
  });

  it("case.resolved carries the case's accounts in included, so the receiver can find the Okta user", async () => {
    const sent = await sendWebhook(world.env, { dryRun: true, secret: "wbhsec_test", event: { name: "case.resolved", objectId: world.resolved.id } });
    const included = JSON.parse(sent.request.body).data.attributes.payload.included;
    expect(included.find((item: J) => item.type === "account").attributes["reference-id"]).toBe(world.oktaUserId);
  });
});

describe("authentication, Persona-Version and response headers", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it("refuses a missing, malformed, unknown or other environment's key with 401, without rate-limit headers", async () => {
    const other = await newEnv();
    for (const options of [
      { key: null },
      { key: "persona_sandbox_unknown-key-0000" },
      { key: other.apiKey },
      { headers: { authorization: world.env.apiKey } },
    ] as CallOptions[]) {
      const response = await api(world.env, "/cases", options);
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual({ errors: [{ title: "Must be authenticated to access this endpoint" }] });
      expect(response.headers.get("ratelimit-limit")).toBeNull();
      expect(response.headers.get("request-id")).toBeNull();
    }
  });

  it("accepts every version of the spec's enum and none, refuses an unknown one with 400, and records what was sent", async () => {
    for (const version of doc.components.schemas["api-version"].enum as string[]) expect((await api(world.env, "/cases", { version })).status).toBe(200);
    expect((await api(world.env, "/cases", { version: null })).status).toBe(200);
    const unknown = await api(world.env, "/cases", { version: "2026-09-29" });
    await expectPersonaError(unknown, "list-all-cases", 400, "Bad Request");
    const log = await requestsOf(world.env);
    expect(log.slice(-3).map((entry: J) => [entry.personaVersion, entry.status])).toEqual([
      ["2020-05-18", 200],
      [null, 200],
      ["2026-09-29", 400],
    ]);
  });

  it("puts Request-Id, Persona-Environment-Id, Persona-Organization-Id and RateLimit-* on successes and errors alike", async () => {
    for (const path of ["/cases", "/cases/case_missing000000000000000000", "/cases?page%5Bsize%5D=0", "/nowhere"])
      expectPersonaHeaders(await api(world.env, path), world.env);
  });

  it("camel and snake Key-Inflection change keys but never the keys inside fields", async () => {
    const camel = await json(await api(world.env, `/accounts/${world.account.id}`, { headers: { "key-inflection": "camel" } }));
    expect(camel.data.attributes.referenceId).toBe(world.oktaUserId);
    expect(camel.data.attributes.fields.email_address.value).toBe("ada@acme.test");
    const snake = await json(await api(world.env, `/cases/${world.open.id}`, { headers: { "key-inflection": "snake" } }));
    expect(snake.data.attributes.assignee_id).toBe("reviewer@acme.test");
    expect(snake.data.relationships.case_template.data.type).toBe("case-template");
    expect((await api(world.env, "/cases", { headers: { "key-inflection": "pascal" } })).status).toBe(400);
  });
});

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

describe("add-tag and Persona's idempotency layer", () => {
  it("adds a tag once (a second add is a no-op) and the control API reads it back; remove-tag takes it off", async () => {
    const world = await oktaUserEnv();
    await addTag(world.env, world.open.id, "okta:suspended");
    await addTag(world.env, world.open.id, "okta:suspended");
    expect((await control("GET", `/envs/${world.env.envId}/cases/${world.open.id}`)).attributes.tags).toEqual(["okta:suspended"]);
    const removed = await json(await api(world.env, `/cases/${world.open.id}/remove-tag`, { json: { meta: { "tag-name": "okta:suspended" } } }));
    expect(removed.data.attributes.tags).toEqual([]);
  });

  it("refuses a body without meta.tag-name (400), a blank name (422), an unknown tag-id and an unknown case (404)", async () => {
    const world = await oktaUserEnv();
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: { meta: {} } })).status).toBe(400);
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: { "tag-name": "x" } })).status).toBe(400);
    await expectPersonaError(await addTag(world.env, world.open.id, " "), "add-tag", 422, "Unprocessable entity");
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: { meta: { "tag-id": "tag_unknown" } } })).status).toBe(404);
    expect((await addTag(world.env, "case_missing000000000000000000", "x")).status).toBe(404);
  });

  it("replays the stored first answer for the same key and parameters, without running the operation again", async () => {
    const world = await oktaUserEnv();
    const first = await addTag(world.env, world.open.id, "okta:suspended", "click-1");
    const firstBody = await json(first);
    await control("PATCH", `/envs/${world.env.envId}/cases/${world.open.id}`, { tags: [] }); // someone removed the tag meanwhile
    const replay = await addTag(world.env, world.open.id, "okta:suspended", "click-1");
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual(firstBody);
    expect((await control("GET", `/envs/${world.env.envId}/cases/${world.open.id}`)).attributes.tags).toEqual([]);
    expect((await requestsOf(world.env)).slice(-2).map((entry: J) => [entry.idempotencyKey, entry.idempotency])).toEqual([
      ["click-1", "stored"],
      ["click-1", "replayed"],
    ]);
  });

  it("refuses the same key with other parameters (another tag, another case) with 422, changing nothing", async () => {
    const world = await oktaUserEnv();
    await addTag(world.env, world.open.id, "a", "click-2");
    expect((await addTag(world.env, world.open.id, "b", "click-2")).status).toBe(422);
    expect((await addTag(world.env, world.resolved.id, "a", "click-2")).status).toBe(422);
    const tags = async (id: string) => (await control("GET", `/envs/${world.env.envId}/cases/${id}`)).attributes.tags;
    expect([await tags(world.open.id), await tags(world.resolved.id)]).toEqual([["a"], []]);
  });

  it("stores error answers too: a 400 is replayed for the same key", async () => {
    const world = await oktaUserEnv();
    const body = { meta: {} };
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: body, headers: { "idempotency-key": "bad" } })).status).toBe(400);
    expect((await api(world.env, `/cases/${world.open.id}/add-tag`, { json: body, headers: { "idempotency-key": "bad" } })).status).toBe(400);
    expect((await requestsOf(world.env)).at(-1).idempotency).toBe("replayed");
  });

  it("never stores a 401 or a 429: a retry with the same key runs", async () => {
    const world = await oktaUserEnv({ rateLimit: { limit: 1 } });
    expect((await addTag(world.env, world.open.id, "x", "k", "persona_sandbox_wrong-key-000")).status).toBe(401);
    expect((await addTag(world.env, world.open.id, "x", "k")).status).toBe(200); // uses the one request of the window
    expect((await addTag(world.env, world.resolved.id, "y", "k2")).status).toBe(429);
    await control("PUT", `/envs/${world.env.envId}/rate-limit`, { limit: 10 });
    expect((await addTag(world.env, world.resolved.id, "y", "k2")).status).toBe(200);
    expect((await control("GET", `/envs/${world.env.envId}/cases/${world.resolved.id}`)).attributes.tags).toEqual(["y"]);
  });

  it("ignores Idempotency-Key on GET", async () => {
    const world = await oktaUserEnv();
    await api(world.env, "/cases", { headers: { "idempotency-key": "same" } });
    expect((await api(world.env, "/accounts", { headers: { "idempotency-key": "same" } })).status).toBe(200);
    expect(await control("GET", `/envs/${world.env.envId}/idempotency-keys`)).toEqual([]);
  });

  it("a 500 during the operation is stored (Persona keeps 500s): the same key gets the 500 again, a new key runs", async () => {
    const world = await oktaUserEnv();
    await addFaults(world.env, { kind: "500", when: "during", pathPrefix: "/cases" });
    const failed = await addTag(world.env, world.open.id, "x", "k500");
    expect(failed.status).toBe(500);
    expect((await json(failed)).errors[0].title).toBeTypeOf("string");
    expect((await addTag(world.env, world.open.id, "x", "k500")).status).toBe(500);
    expect((await addTag(world.env, world.open.id, "x", "k500-retry")).status).toBe(200);
  });

  it("a lost answer (a 503 after the operation) is safe to retry with the same key: the real answer is replayed", async () => {
    const world = await oktaUserEnv();
    await addFaults(world.env, { kind: "503", when: "after", pathPrefix: "/cases/" });
    const lost = await addTag(world.env, world.open.id, "okta:unlocked", "k-lost");
    expect(lost.status).toBe(503);
    expect(await lost.text()).toContain("<html>");
    const retry = await addTag(world.env, world.open.id, "okta:unlocked", "k-lost");
    expect(retry.status).toBe(200);
    expect((await json(retry)).data.attributes.tags).toEqual(["okta:unlocked"]);
  });
});

describe("rate limit: 300/min per environment by default, a fixed window, headers on every answer", () => {
  it("defaults to 300 per minute", async () => {
    const env = await newEnv();
    const response = await api(env, "/cases");
    expect([response.headers.get("ratelimit-limit"), response.headers.get("ratelimit-remaining"), response.headers.get("ratelimit-reset")]).toEqual([
      "300",
      "299",
      "60",
    ]);
  });

  it("counts down across keys of the environment, then answers 429 until the window ends", async () => {
    const env = await newEnv({ rateLimit: { limit: 3, windowSeconds: 60 } });
    const second = (await control("POST", `/envs/${env.envId}/api-keys`, {})).apiKey;
    const remaining: Array<string | null> = [];
    for (const key of [env.apiKey, second, env.apiKey]) remaining.push((await api(env, "/cases", { key })).headers.get("ratelimit-remaining"));
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api(env, "/accounts");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect((await json(limited)).errors[0].details).toMatch(/rate limit of 3 requests/);
    expect((await requestsOf(env)).at(-1).fault).toBe("rate-limit");
  });

  it("opens a new window after windowSeconds", async () => {
    const env = await newEnv({ rateLimit: { limit: 1, windowSeconds: 1 } });
    expect((await api(env, "/cases")).status).toBe(200);
    expect((await api(env, "/cases")).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api(env, "/cases")).status).toBe(200);
  });
});

describe("fault switches", () => {
  it("fails the next N matching requests (by path prefix and method), then recovers", async () => {
    const world = await oktaUserEnv();
    await addFaults(world.env, { kind: "503", count: 2, pathPrefix: "/api/v1/cases", method: "GET" });
    expect((await api(world.env, "/accounts")).status).toBe(200);
    const gateway = await api(world.env, "/cases");
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get("content-type")).toMatch(/^text\/html/);
    expect((await api(world.env, `/cases/${world.open.id}`)).status).toBe(503);
    expect((await api(world.env, "/cases")).status).toBe(200);
    expect(await control("GET", `/envs/${world.env.envId}/faults`)).toEqual([]);
  });

  it("a 429 fault answers Persona's body with RateLimit-Remaining 0 and the given reset", async () => {
    const env = await newEnv();
    await addFaults(env, { kind: "429", resetSeconds: 7 });
    const response = await api(env, "/cases");
    await expectPersonaError(response, "list-all-cases", 429, "Rate limit exceeded");
    expect([response.headers.get("ratelimit-remaining"), response.headers.get("ratelimit-reset")]).toEqual(["0", "7"]);
  });

  it("500 and 409 answer Persona's JSON error; 502/504 can answer JSON instead of a gateway page", async () => {
    const env = await newEnv();
    await addFaults(env, [{ kind: "500" }, { kind: "409" }, { kind: "504", body: "json" }]);
    expect(await json(await api(env, "/cases"))).toEqual({ errors: [{ title: "Internal Server Error" }] });
    expect((await json(await api(env, "/cases"))).errors[0].title).toBe("Stale object error");
    const timeout = await api(env, "/cases");
    expect([timeout.status, (await json(timeout)).errors[0].title]).toEqual([504, "Gateway Timeout"]);
  });

  it("a hang never answers", async () => {
    const env = await newEnv();
    await addFaults(env, { kind: "hang" });
    const started = Date.now();
    await expect(fetch(`${env.baseUrl}/cases`, { headers: { authorization: `Bearer ${env.apiKey}` }, signal: AbortSignal.timeout(400) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect((await api(env, "/cases")).status).toBe(200);
  });
});

describe("webhook sender: Persona's signature, attempt headers, re-sends and bad signatures", () => {
  let world: Awaited<ReturnType<typeof oktaUserEnv>>;
  const secret = "wbhsec_0b6c5f4e-test-secret";
  beforeAll(async () => {
    world = await oktaUserEnv();
  });

  it("signs t + '.' + raw body with HMAC-SHA256 (verifiable with WebCrypto) and sends the attempt headers", async () => {
    const sent = await sendWebhook(world.env, { dryRun: true, secret, event: { name: "case.resolved", objectId: world.resolved.id } });
    const { headers, body } = sent.request;
    expect(headers["content-type"]).toBe("application/json");
    const [set] = signatureSets(headers["persona-signature"]);
    expect(Math.abs(Number(set!.t) - Date.now() / 1000)).toBeLessThan(5);
    expect(await verifies(headers["persona-signature"], body, secret)).toBe(true);
    expect(await verifies(headers["persona-signature"], body, "wbhsec_other")).toBe(false);
    expect([headers["persona-webhook-attempts-made"], headers["persona-webhook-attempts-left"], headers["persona-webhook-first-attempted-at"]]).toEqual([
      "1",
      "7",
      set!.t,
    ]);
  });

  it("delivers to a URL and reports the receiver's status; a sink records the exact bytes and headers", async () => {
    const sink = `${CONTROL}/sinks/${world.env.envId}-ok`;
    const sent = await sendWebhook(world.env, { url: sink, secret, event: { name: "case.status-updated", objectId: world.open.id } });
    expect([sent.delivered, sent.status]).toEqual([true, 200]);
    const received = (await control("GET", `/sinks/${world.env.envId}-ok`)).requests;
    expect(received).toHaveLength(1);
    expect(received[0].body).toBe(sent.request.body);
    expect(received[0].headers["persona-signature"]).toBe(sent.request.headers["persona-signature"]);
    expect(await verifies(received[0].headers["persona-signature"], received[0].body, secret)).toBe(true);

    await control("PUT", `/sinks/${world.env.envId}-down`, { status: 503, body: { error: "down" } });
    const failed = await sendWebhook(world.env, {
      url: `${CONTROL}/sinks/${world.env.envId}-down`,
      secret,
      event: { name: "case.status-updated", objectId: world.open.id },
    });
    expect([failed.status, JSON.parse(failed.body)]).toEqual([503, { error: "down" }]);
  });

  it("re-sends an event with the same id and bytes as the next attempt, keeping First-Attempted-At", async () => {
    const first = await sendWebhook(world.env, {
      dryRun: true,
      secret,
      event: { name: "case.updated-tags", objectId: world.open.id },
      timestampOffsetSeconds: -30,
    });
    const again = await sendWebhook(world.env, { dryRun: true, secret, eventId: first.eventId });
    expect(again.eventId).toBe(first.eventId);
    expect(again.request.body).toBe(first.request.body);
    expect(again.request.headers["persona-webhook-attempts-made"]).toBe("2");
    expect(again.request.headers["persona-webhook-attempts-left"]).toBe("6");
    expect(again.request.headers["persona-webhook-first-attempted-at"]).toBe(first.request.headers["persona-webhook-first-attempted-at"]);
    expect(await verifies(again.request.headers["persona-signature"], again.request.body, secret)).toBe(true);
  });

  it("during a secret rotation, carries two space-separated sets, one per secret", async () => {
    const sent = await sendWebhook(world.env, {
      dryRun: true,
      secrets: ["wbhsec_old", "wbhsec_new"],
      event: { name: "case.resolved", objectId: world.resolved.id },
    });
    const header = sent.request.headers["persona-signature"];
    expect(signatureSets(header)).toHaveLength(2);
    expect(await verifies(header, sent.request.body, "wbhsec_old")).toBe(true);
    expect(await verifies(header, sent.request.body, "wbhsec_new")).toBe(true);
  });

  it("produces the deliveries a receiver must refuse: wrong secret, tampered bytes, missing or malformed header, old timestamp", async () => {
    const event = () => ({ name: "case.resolved", objectId: world.resolved.id });
    const wrong = await sendWebhook(world.env, { dryRun: true, secret, signature: "wrong-secret", event: event() });
    expect(await verifies(wrong.request.headers["persona-signature"], wrong.request.body, secret)).toBe(false);

    const tampered = await sendWebhook(world.env, { dryRun: true, secret, signature: "tampered", event: event() });
    expect(JSON.parse(tampered.request.body)).toEqual(JSON.parse(tampered.request.body.trim()));
    expect(await verifies(tampered.request.headers["persona-signature"], tampered.request.body, secret)).toBe(false);
    expect(await verifies(tampered.request.headers["persona-signature"], tampered.request.body.trimEnd(), secret)).toBe(true);

    const missing = await sendWebhook(world.env, { dryRun: true, signature: "missing", event: event() });
    expect(missing.request.headers).not.toHaveProperty("persona-signature");
    const malformed = await sendWebhook(world.env, { dryRun: true, secret, signature: "malformed", event: event() });
    expect(malformed.request.headers["persona-signature"]).not.toMatch(/v1=[0-9a-f]{64}/);

    const old = await sendWebhook(world.env, { dryRun: true, secret, timestampOffsetSeconds: -3600, event: event() });
    const [set] = signatureSets(old.request.headers["persona-signature"]);
    expect(Date.now() / 1000 - Number(set!.t)).toBeGreaterThan(3590);
    expect(await verifies(old.request.headers["persona-signature"], old.request.body, secret)).toBe(true);
  });

  it("sends a prebuilt body verbatim, and a given payload under Persona's envelope", async () => {
    const raw = '{"data":{"type":"event","id":"evt_prebuilt000000000000000001","attributes":{"name":"case.resolved"}}}';
    const prebuilt = await sendWebhook(world.env, { dryRun: true, secret, body: raw });
    expect([prebuilt.eventId, prebuilt.request.body]).toEqual(["evt_prebuilt000000000000000001", raw]);
    const payload = { data: { type: "case", id: "case_given", attributes: { status: "Declined" } }, included: [] };
    const given = await sendWebhook(world.env, {
      dryRun: true,
      secret,
      event: { name: "case.status-updated", id: "evt_given000000000000000000001", createdAt: "2025-06-01T00:00:00Z", payload },
    });
    expect(JSON.parse(given.request.body)).toEqual({
      data: {
        type: "event",
        id: "evt_given000000000000000000001",
        attributes: { name: "case.status-updated", payload, "created-at": "2025-06-01T00:00:00.000Z" },
      },
    });
  });
});
