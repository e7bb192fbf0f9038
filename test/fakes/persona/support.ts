/// <reference types="vite/client" />
/**
 * Shared setup of the conformance tests of the fake Persona API server (fakes/persona), which the worker's real
 * Persona code paths are tested against. The tests in this folder prove three things, one file per area:
 * 1. the fake serves spec operations (operationId, method, path of Persona's 2025-12-08 OpenAPI spec);
 * 2. its real responses (account, case and inquiry lists and retrievals with `included`, search results, the
 *    add-tag result, inquiry creation and one-time links, the 400/401/403/404/409/422/429 error bodies) and the
 *    webhook bodies its sender produces validate against the spec's schemas (OpenAPI 3.1 = JSON Schema 2020-12),
 *    and the request bodies the tests send validate against the spec's request schemas;
 * 3. it behaves as docs/persona.md says Persona does: bearer auth, `Persona-Version`, response headers, pagination
 *    and its links, filters, include, search and its lag, the idempotency layer, the rate limit, fault switches,
 *    and webhook signatures verifiable with WebCrypto.
 * The fake runs in Node (started by test/global-setup.ts); the tests run in workerd and reach it over loopback.
 * Each test file calls setUpConformance() first.
 */
import { type Schema, Validator } from "@cfworker/json-schema";
import { beforeAll, expect, inject } from "vitest";
import { parse } from "yaml";
import spec from "../../../../shared/persona/2025-12-08.openapi-bundled.yaml?raw";
import { controlClient } from "../../support/control-api";
import { findOperation } from "../../support/openapi";

export type J = any;

const FAKE = inject("fakePersonaUrl");
export const CONTROL = `${FAKE}/__fake`;
const VERSION = "2025-12-08";

// --- control API helpers --------------------------------------------------------------------------------------

export const control: (method: string, path: string, body?: unknown) => Promise<J> = controlClient(CONTROL);

export interface TestEnv {
  envId: string;
  baseUrl: string;
  apiKey: string;
  environmentId: string;
}

export const newEnv = (body: Record<string, unknown> = {}): Promise<TestEnv> => control("POST", "/envs", body);
export const seed = (env: TestEnv, kind: "accounts" | "cases" | "inquiries", items: unknown[]): Promise<J[]> =>
  control("POST", `/envs/${env.envId}/${kind}`, items);
export const requestsOf = (env: TestEnv): Promise<J[]> => control("GET", `/envs/${env.envId}/requests`);
export const addFaults = (env: TestEnv, faults: unknown) => control("POST", `/envs/${env.envId}/faults`, faults);

export interface CallOptions {
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  key?: string | null;
  version?: string | null;
}

/** One API call with the env's key and the pinned `Persona-Version` unless told otherwise. */
export function api(env: TestEnv, path: string, options: CallOptions = {}): Promise<Response> {
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

export async function json(response: Response): Promise<J> {
  return response.json();
}

const origin = (env: TestEnv) => new URL(env.baseUrl).origin;
export const follow = (env: TestEnv, link: string, options: CallOptions = {}) => api({ ...env, baseUrl: origin(env) }, link, options);
export const addTag = (env: TestEnv, caseId: string, tag: string, idempotencyKey?: string, key?: string | null) =>
  api(env, `/cases/${caseId}/add-tag`, { json: { meta: { "tag-name": tag } }, headers: idempotencyKey ? { "idempotency-key": idempotencyKey } : {}, key });

/** A made-up Dynamic Flow template; environments accept any well-formed one unless `inquiryTemplateIds` says otherwise. */
export const TEMPLATE_ID = "itmpl_RecoveryTemplate000000001";

/** `POST /inquiries` with `body` (`query` such as `?include=account`, and an `Idempotency-Key` if given). */
export const createInquiry = (env: TestEnv, body: unknown, options: { idempotencyKey?: string; query?: string; key?: string | null } = {}) =>
  api(env, `/inquiries${options.query ?? ""}`, {
    json: body,
    headers: options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {},
    key: options.key,
  });

/** The body verified recovery sends: template, prefill, the account by the Okta user ID, a one-time link. */
export const recoveryInquiry = (referenceId: string, extra: { attributes?: Record<string, unknown>; meta?: Record<string, unknown> } = {}) => ({
  data: {
    attributes: {
      "inquiry-template-id": TEMPLATE_ID,
      fields: { "name-first": "Ada", "name-last": "Lovelace", birthdate: "1815-12-10", "email-address": "ada@acme.test" },
      note: "verified recovery",
      tags: ["okta:recovery"],
      "redirect-uri": "https://recover.acme.test/done",
      ...extra.attributes,
    },
  },
  meta: { "auto-create-account": true, "auto-create-account-reference-id": referenceId, "auto-create-one-time-link": true, ...extra.meta },
});

/** An inquiry of the control API, with `meta.sessions` (its one-time links). */
export const controlInquiry = (env: TestEnv, id: string): Promise<J> => control("GET", `/envs/${env.envId}/inquiries/${id}`);
export const transition = (env: TestEnv, id: string, body: Record<string, unknown>): Promise<J> =>
  control("POST", `/envs/${env.envId}/inquiries/${id}/transition`, body);

/** An environment with one account (reference-id = an Okta user id), two cases and two inquiries. */
export async function oktaUserEnv(body: Record<string, unknown> = {}) {
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

export let doc: J;

export const specOperation = (operationId: string): { path: string; method: string; op: J } => findOperation(doc, operationId);

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

export function webhookSchema(name: string): J {
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

export function schemaErrors(schema: J, value: unknown): string[] {
  const root = { allOf: [structuredClone(schema)], components: { schemas: referencedSchemas(schema) } };
  const result = new Validator(root as Schema, "2020-12", false).validate(value);
  return result.errors.map((error) => `${error.instanceLocation} ${error.keywordLocation}: ${error.error}`);
}

export function expectMatchesSpec(operationId: string, status: number, body: unknown): void {
  expect(schemaErrors(responseSchema(operationId, status), body)).toEqual([]);
}

/** The spec's JSON schema of an operation's request body. */
export function requestSchema(operationId: string): J {
  const body = specOperation(operationId).op.requestBody;
  expect(body, `${operationId} declares a request body`).toBeDefined();
  return body.content["application/json"].schema;
}

/** A request body a test sends is one the spec allows: the fake is never tested on parameters Persona lacks. */
export function expectRequestMatchesSpec(operationId: string, body: unknown): void {
  expect(schemaErrors(requestSchema(operationId), body)).toEqual([]);
}

/** Persona's error envelope, valid per the spec's response for that status, with the expected title. */
export async function expectPersonaError(response: Response, operationId: string, status: number, title: string): Promise<J> {
  const body = await json(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].title).toBe(title);
  expectMatchesSpec(operationId, status, body);
  return body;
}

export function expectPersonaHeaders(response: Response, env: TestEnv): void {
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
export function signatureSets(header: string): Array<{ t: string; v1: string }> {
  return header.split(" ").map((set) => {
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(set);
    expect(match, `"${set}" is t=<unix>,v1=<64 hex>`).not.toBeNull();
    return { t: match![1]!, v1: match![2]! };
  });
}

export async function verifies(header: string, rawBody: string, secret: string): Promise<boolean> {
  for (const { t, v1 } of signatureSets(header)) if ((await hmacHex(secret, `${t}.${rawBody}`)) === v1) return true;
  return false;
}

export const sendWebhook = (env: TestEnv, body: Record<string, unknown>): Promise<J> => control("POST", `/envs/${env.envId}/webhooks/send`, body);

// --- setup ----------------------------------------------------------------------------------------------------

/** The file-level hook every conformance file registers first, at its top: the parsed spec (slow to parse, hence its own timeout). */
export function setUpConformance(): void {
  beforeAll(() => {
    doc = parse(spec, { uniqueKeys: false });
  }, 120_000);
}
