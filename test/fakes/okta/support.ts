/// <reference types="vite/client" />
/**
 * Shared setup of the conformance tests of the fake Okta org server (fakes/okta), which the worker's real Okta code
 * paths are tested against. The tests in this folder prove three things, one file per area:
 * 1. our operation catalog (shared/okta-actions.ts) and the fake's operation table agree with Okta's published
 *    Management API spec (operationId, method, path, OAuth scope, admin permission ids);
 * 2. the fake's real responses (users, lists, groups, authenticators, TAC, activation tokens, every error body)
 *    validate against the spec's response schemas;
 * 3. the fake behaves as docs/okta.md says Okta does: the token endpoint's checks and verbatim errors, the DPoP nonce
 *    handshake and bound tokens, scopes and admin permissions, the lifecycle state machine and its `_links`,
 *    search/filter/pagination, rate limits, and the fault switches.
 * The fake runs in Node (started by test/global-setup.ts); the tests run in workerd and reach it over loopback.
 * Each test file calls setUpConformance() first.
 */
import { type Schema, Validator } from "@cfworker/json-schema";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { beforeAll, expect, inject } from "vitest";
import { parse } from "yaml";
import spec from "../../../../shared/okta/management-minimal.yaml?raw";
import { controlClient } from "../../support/control-api";
import { findOperation } from "../../support/openapi";

export type J = any;

const FAKE = inject("fakeOktaUrl");
export const CONTROL = `${FAKE}/__fake`;
export const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ALL_SCOPES = ["okta.users.read", "okta.users.manage", "okta.authenticators.read"];
export const KID = "client-key-1";
export const nowS = () => Math.floor(Date.now() / 1000);

// --- keys (ES256: fast to generate) ---------------------------------------------------------------------------

interface TestKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}
export let clientKey: TestKey; // the service app's key, published as kid client-key-1
export let strangerKey: TestKey; // a key the app never published
export let dpopKey: TestKey; // the DPoP key (separate from the client-auth key, as Okta's docs say)
export let otherDpopKey: TestKey;

async function newKey(kid?: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk: kid ? { ...publicJwk, kid, use: "sig", alg: "ES256" } : publicJwk };
}

// --- control API helpers --------------------------------------------------------------------------------------

export const control: (method: string, path: string, body?: unknown) => Promise<J> = controlClient(CONTROL);

export interface TestOrg {
  orgId: string;
  orgUrl: string;
  tokenUrl: string;
}

export const newOrg = (body: Record<string, unknown> = {}): Promise<TestOrg> => control("POST", "/orgs", body);

export async function addClient(org: TestOrg, client: Record<string, unknown> = {}): Promise<string> {
  const created = await control("POST", `/orgs/${org.orgId}/clients`, {
    jwks: { keys: [clientKey.publicJwk] },
    grantedScopes: ALL_SCOPES,
    adminRole: true,
    ...client,
  });
  return created.clientId;
}

export const seedUsers = (org: TestOrg, users: unknown[]): Promise<J[]> => control("POST", `/orgs/${org.orgId}/users`, users);

export const person = (name: string, extra: Record<string, unknown> = {}) => ({
  profile: { login: `${name}@acme.test`, email: `${name}@acme.test`, firstName: name[0]!.toUpperCase() + name.slice(1), lastName: "Tester" },
  ...extra,
});

// --- token endpoint helpers -----------------------------------------------------------------------------------

export function assertion(
  org: TestOrg,
  clientId: string,
  options: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: TestKey } = {},
): Promise<string> {
  const now = nowS();
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: org.tokenUrl,
    iat: now,
    exp: now + 300,
    jti: crypto.randomUUID(),
    ...options.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  const header: Record<string, unknown> = { alg: "ES256", kid: KID, ...options.header };
  for (const [name, value] of Object.entries(header)) if (value === undefined) delete header[name];
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign((options.key ?? clientKey).privateKey);
}

export const b64url = (text: string) => btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

export function tokenRequest(org: TestOrg, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(org.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(fields),
  });
}

export async function requestToken(
  org: TestOrg,
  clientId: string,
  options: { scope?: string; assertion?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return tokenRequest(
    org,
    {
      grant_type: "client_credentials",
      scope: options.scope ?? ALL_SCOPES.join(" "),
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: options.assertion ?? (await assertion(org, clientId)),
    },
    options.headers,
  );
}

export async function bearerToken(org: TestOrg, clientId: string, scope?: string): Promise<string> {
  const response = await requestToken(org, clientId, { scope });
  expect(response.status).toBe(200);
  return ((await response.json()) as J).access_token;
}

/**
 * An org with a Super Admin service app, a Bearer token for all three scopes, and its users; `app.client` changes
 * the app's registration and `app.scope` the token's scopes.
 */
export async function adminOrg(users: unknown[] = [], orgBody: Record<string, unknown> = {}, app: { client?: Record<string, unknown>; scope?: string } = {}) {
  const org = await newOrg(orgBody);
  const clientId = await addClient(org, app.client);
  const token = await bearerToken(org, clientId, app.scope);
  const seeded = users.length > 0 ? await seedUsers(org, users) : [];
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${org.orgUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  return { org, clientId, token, users: seeded, call };
}

export async function oauthError(response: Response): Promise<J> {
  return { status: response.status, ...((await response.json()) as J) };
}

// --- DPoP helpers ---------------------------------------------------------------------------------------------

export async function sha256url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return b64url(String.fromCharCode(...digest));
}

export async function dpopProof(
  key: TestKey,
  htm: string,
  htu: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT({ htm, htu, iat: nowS(), jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: key.publicJwk, ...header })
    .sign(key.privateKey);
}

/** The full handshake: a proof without nonce → use_dpop_nonce; a new assertion and proof with it → a DPoP token. */
export async function dpopToken(org: TestOrg, clientId: string, key = dpopKey): Promise<{ token: string; body: J; nonce: string }> {
  const first = await requestToken(org, clientId, { headers: { dpop: await dpopProof(key, "POST", org.tokenUrl) } });
  expect(first.status).toBe(400);
  const nonce = first.headers.get("dpop-nonce")!;
  expect(nonce).toBeTruthy();
  const second = await requestToken(org, clientId, { headers: { dpop: await dpopProof(key, "POST", org.tokenUrl, { nonce }) } });
  const body = (await second.json()) as J;
  expect(second.status, JSON.stringify(body)).toBe(200);
  return { token: body.access_token, body, nonce };
}

export async function dpopCall(
  org: TestOrg,
  token: string,
  method: string,
  path: string,
  options: { key?: TestKey; claims?: Record<string, unknown>; scheme?: string; noProof?: boolean } = {},
) {
  const url = `${org.orgUrl}${path}`;
  const htu = url.split("?")[0]!;
  const headers: Record<string, string> = { authorization: `${options.scheme ?? "DPoP"} ${token}` };
  if (!options.noProof) headers.dpop = await dpopProof(options.key ?? dpopKey, method, htu, { ath: await sha256url(token), ...options.claims });
  return fetch(url, { method, headers });
}

// --- the spec -------------------------------------------------------------------------------------------------

export let doc: J;

export const specOperation = (operationId: string): { path: string; method: string; op: J } => findOperation(doc, operationId);

const ERROR_SCHEMA = { $ref: "#/components/schemas/Error" };

/** The spec's schema for a response; an error status the operation does not declare (e.g. 401) uses `Error`. */
function responseSchema(operationId: string, status: number): J {
  let response = specOperation(operationId).op.responses[String(status)];
  if (response === undefined) {
    if (status >= 400) return ERROR_SCHEMA;
    throw new Error(`${operationId} declares no ${status} response`);
  }
  if (response.$ref) response = doc.components.responses[response.$ref.split("/").pop()];
  return response.content?.["application/json"]?.schema;
}

/** OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a `null` type (or an anyOf with null). */
function translate(node: J): J {
  if (Array.isArray(node)) return node.map(translate);
  if (typeof node !== "object" || node === null) return node;
  const out: J = {};
  for (const [key, value] of Object.entries(node)) out[key] = translate(value);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [{ type: "null" }, out] };
    }
  }
  return out;
}

/** The component schemas a schema reaches through `$ref` (discriminator mappings are not followed). */
function referencedSchemas(schema: J, found: Record<string, J> = {}): Record<string, J> {
  const walk = (node: J) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    if (typeof node.$ref === "string") {
      const name = node.$ref.replace("#/components/schemas/", "");
      if (!(name in found)) {
        found[name] = translate(doc.components.schemas[name]);
        walk(doc.components.schemas[name]);
      }
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(schema);
  return found;
}

export function schemaErrors(schema: J, value: unknown): string[] {
  expect(schema, "the spec has a schema for this response").toBeDefined();
  const root = { allOf: [translate(schema)], components: { schemas: referencedSchemas(schema) } };
  const result = new Validator(root as Schema, "4", false).validate(value);
  return result.errors.map((error) => `${error.instanceLocation} ${error.keywordLocation}: ${error.error}`);
}

export function expectMatchesSpec(operationId: string, status: number, body: unknown): void {
  expect(schemaErrors(responseSchema(operationId, status), body)).toEqual([]);
}

/** Property names a component schema declares (following allOf and $ref), to catch misspelled or invented fields. */
function declaredProperties(name: string): Set<string> {
  const names = new Set<string>();
  const walk = (node: J) => {
    if (typeof node !== "object" || node === null) return;
    if (typeof node.$ref === "string") return walk(doc.components.schemas[node.$ref.replace("#/components/schemas/", "")]);
    for (const key of Object.keys(node.properties ?? {})) names.add(key);
    for (const part of node.allOf ?? []) walk(part);
  };
  walk(doc.components.schemas[name]);
  return names;
}

export function expectOnlyDeclared(value: Record<string, unknown>, schemaName: string): void {
  const declared = declaredProperties(schemaName);
  expect(Object.keys(value).filter((key) => !declared.has(key))).toEqual([]);
}

/** Okta's error envelope: exactly these five fields, valid per the spec's declared response for that status. */
export async function expectOktaError(response: Response, operationId: string, status: number, errorCode: string, errorSummary?: string): Promise<J> {
  const body = (await response.json()) as J;
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(Object.keys(body).sort()).toEqual(["errorCauses", "errorCode", "errorId", "errorLink", "errorSummary"]);
  expect(body.errorCode).toBe(errorCode);
  expect(body.errorLink).toBe(errorCode);
  expect(body.errorId).toMatch(/^oae[\w-]{22}$/);
  if (errorSummary !== undefined) expect(body.errorSummary).toBe(errorSummary);
  expectMatchesSpec(operationId, status, body);
  return body;
}

export function expectOktaHeaders(response: Response): void {
  expect(response.headers.get("x-okta-request-id")).toMatch(/^[\w-]{20,}$/);
  expect(Number(response.headers.get("x-rate-limit-limit"))).toBeGreaterThan(0);
  expect(response.headers.get("x-rate-limit-remaining")).toMatch(/^\d+$/);
  expect(Number(response.headers.get("x-rate-limit-reset"))).toBeGreaterThanOrEqual(nowS());
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
}

/** The `permission` strings of the catalog end in `(id)` or `(id); … (id)`. */
export const catalogPermissionIds = (permission: string) => [...permission.matchAll(/\(([\w.]+)\)/g)].map((match) => match[1]);
export const normalizePath = (path: string) => path.replace(/\{[^}]+\}/g, "{}");

// --- setup ----------------------------------------------------------------------------------------------------

/**
 * The file-level hooks every conformance file registers first, at its top: the test keys (ES256), then the parsed
 * spec (slow to parse, hence its own timeout).
 */
export function setUpConformance(): void {
  beforeAll(async () => {
    [clientKey, strangerKey, dpopKey, otherDpopKey] = await Promise.all([newKey(KID), newKey(KID), newKey(), newKey()]);
  });
  beforeAll(() => {
    doc = parse(spec, { uniqueKeys: false });
  }, 120_000);
}
