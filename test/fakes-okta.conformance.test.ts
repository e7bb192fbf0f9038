/// <reference types="vite/client" />
/**
 * Conformance of the fake Okta org server (fakes/okta), which the worker's real Okta code paths are tested
 * against. Three things are proven here:
 * 1. our operation catalog (shared/okta-actions.ts) and the fake's operation table agree with Okta's published
 *    Management API spec (operationId, method, path, OAuth scope, admin permission ids);
 * 2. the fake's real responses (users, lists, groups, authenticators, TAC, activation tokens, every error body)
 *    validate against the spec's response schemas;
 * 3. the fake behaves as OKTA.md says Okta does: the token endpoint's checks and verbatim errors, the DPoP nonce
 *    handshake and bound tokens, scopes and admin permissions, the lifecycle state machine and its `_links`,
 *    search/filter/pagination, rate limits, and the fault switches.
 * The fake runs in Node (started by test/global-setup.ts); this file runs in workerd and reaches it over loopback.
 */
import { type Schema, Validator } from "@cfworker/json-schema";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import spec from "../../shared/okta/management-minimal.yaml?raw";
import { OPERATIONS } from "../fakes/okta/operations";
import { OKTA_ACTIONS } from "../shared/okta-actions";
import { controlClient } from "./support/control-api";
import { findOperation } from "./support/openapi";

type J = any;

const FAKE = inject("fakeOktaUrl");
const CONTROL = `${FAKE}/__fake`;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ALL_SCOPES = ["okta.users.read", "okta.users.manage", "okta.authenticators.read"];
const KID = "client-key-1";
const nowS = () => Math.floor(Date.now() / 1000);

// --- keys (ES256: fast to generate) ---------------------------------------------------------------------------

interface TestKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
}
let clientKey: TestKey; // the service app's key, published as kid client-key-1
let strangerKey: TestKey; // a key the app never published
let dpopKey: TestKey; // the DPoP key (separate from the client-auth key, as Okta's docs say)
let otherDpopKey: TestKey;

async function newKey(kid?: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk: kid ? { ...publicJwk, kid, use: "sig", alg: "ES256" } : publicJwk };
}

beforeAll(async () => {
  [clientKey, strangerKey, dpopKey, otherDpopKey] = await Promise.all([newKey(KID), newKey(KID), newKey(), newKey()]);
});

// --- control API helpers --------------------------------------------------------------------------------------

const control: (method: string, path: string, body?: unknown) => Promise<J> = controlClient(CONTROL);

interface TestOrg {
  orgId: string;
  orgUrl: string;
  tokenUrl: string;
}

const newOrg = (body: Record<string, unknown> = {}): Promise<TestOrg> => control("POST", "/orgs", body);

async function addClient(org: TestOrg, client: Record<string, unknown> = {}): Promise<string> {
  const created = await control("POST", `/orgs/${org.orgId}/clients`, {
    jwks: { keys: [clientKey.publicJwk] },
    grantedScopes: ALL_SCOPES,
    adminRole: true,
    ...client,
  });
  return created.clientId;
}

const seedUsers = (org: TestOrg, users: unknown[]): Promise<J[]> => control("POST", `/orgs/${org.orgId}/users`, users);

const person = (name: string, extra: Record<string, unknown> = {}) => ({
  profile: { login: `${name}@acme.test`, email: `${name}@acme.test`, firstName: name[0]!.toUpperCase() + name.slice(1), lastName: "Tester" },
  ...extra,
});

// --- token endpoint helpers -----------------------------------------------------------------------------------

function assertion(
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

const b64url = (text: string) => btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function tokenRequest(org: TestOrg, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(org.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: new URLSearchParams(fields),
  });
}

async function requestToken(
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

async function bearerToken(org: TestOrg, clientId: string, scope?: string): Promise<string> {
  const response = await requestToken(org, clientId, { scope });
  expect(response.status).toBe(200);
  return ((await response.json()) as J).access_token;
}

/** An org with a Super Admin service app, a Bearer token for all three scopes, and its users. */
async function adminOrg(users: unknown[] = [], orgBody: Record<string, unknown> = {}) {
  const org = await newOrg(orgBody);
  const clientId = await addClient(org);
  const token = await bearerToken(org, clientId);
  const seeded = users.length > 0 ? await seedUsers(org, users) : [];
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${org.orgUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
  return { org, clientId, token, users: seeded, call };
}

async function oauthError(response: Response): Promise<J> {
  return { status: response.status, ...((await response.json()) as J) };
}

// --- DPoP helpers ---------------------------------------------------------------------------------------------

async function sha256url(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return b64url(String.fromCharCode(...digest));
}

async function dpopProof(key: TestKey, htm: string, htu: string, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ htm, htu, iat: nowS(), jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: key.publicJwk, ...header })
    .sign(key.privateKey);
}

/** The full handshake: a proof without nonce → use_dpop_nonce; a new assertion and proof with it → a DPoP token. */
async function dpopToken(org: TestOrg, clientId: string, key = dpopKey): Promise<{ token: string; body: J; nonce: string }> {
  const first = await requestToken(org, clientId, { headers: { dpop: await dpopProof(key, "POST", org.tokenUrl) } });
  expect(first.status).toBe(400);
  const nonce = first.headers.get("dpop-nonce")!;
  expect(nonce).toBeTruthy();
  const second = await requestToken(org, clientId, { headers: { dpop: await dpopProof(key, "POST", org.tokenUrl, { nonce }) } });
  const body = (await second.json()) as J;
  expect(second.status, JSON.stringify(body)).toBe(200);
  return { token: body.access_token, body, nonce };
}

async function dpopCall(
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

let doc: J;
beforeAll(() => {
  doc = parse(spec, { uniqueKeys: false });
}, 120_000);

const specOperation = (operationId: string): { path: string; method: string; op: J } => findOperation(doc, operationId);

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

function schemaErrors(schema: J, value: unknown): string[] {
  expect(schema, "the spec has a schema for this response").toBeDefined();
  const root = { allOf: [translate(schema)], components: { schemas: referencedSchemas(schema) } };
  const result = new Validator(root as Schema, "4", false).validate(value);
  return result.errors.map((error) => `${error.instanceLocation} ${error.keywordLocation}: ${error.error}`);
}

function expectMatchesSpec(operationId: string, status: number, body: unknown): void {
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

function expectOnlyDeclared(value: Record<string, unknown>, schemaName: string): void {
  const declared = declaredProperties(schemaName);
  expect(Object.keys(value).filter((key) => !declared.has(key))).toEqual([]);
}

/** Okta's error envelope: exactly these five fields, valid per the spec's declared response for that status. */
async function expectOktaError(response: Response, operationId: string, status: number, errorCode: string, errorSummary?: string): Promise<J> {
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

function expectOktaHeaders(response: Response): void {
  expect(response.headers.get("x-okta-request-id")).toMatch(/^[\w-]{20,}$/);
  expect(Number(response.headers.get("x-rate-limit-limit"))).toBeGreaterThan(0);
  expect(response.headers.get("x-rate-limit-remaining")).toMatch(/^\d+$/);
  expect(Number(response.headers.get("x-rate-limit-reset"))).toBeGreaterThanOrEqual(nowS());
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
}

/** The `permission` strings of the catalog end in `(id)` or `(id); … (id)`. */
const catalogPermissionIds = (permission: string) => [...permission.matchAll(/\(([\w.]+)\)/g)].map((match) => match[1]);
const normalizePath = (path: string) => path.replace(/\{[^}]+\}/g, "{}");

// ==============================================================================================================

describe("the operation catalog cannot drift from Okta's spec", () => {
  it("declares, for every catalog action, the spec's method, path and OAuth scope of its operationId", () => {
    for (const [name, action] of Object.entries(OKTA_ACTIONS)) {
      const { path, method, op } = specOperation(action.operationId);
      expect({ name, method, path: normalizePath(path) }).toEqual({ name, method: action.method, path: normalizePath(action.path) });
      const oauth = (op.security as J[]).find((requirement) => "oauth2" in requirement);
      expect({ name, scopes: oauth?.oauth2 }).toEqual({ name, scopes: [action.scope] });
    }
  });

  it("serves exactly the catalog's operations, with the spec's scopes and the catalog's permission ids", () => {
    const catalog = Object.values(OKTA_ACTIONS);
    expect(OPERATIONS.map((op) => op.operationId).sort()).toEqual(catalog.map((action) => action.operationId).sort());
    for (const operation of OPERATIONS) {
      const action = catalog.find((candidate) => candidate.operationId === operation.operationId)!;
      const { path, method, op } = specOperation(operation.operationId);
      expect({ id: operation.operationId, method: operation.method, path: normalizePath(operation.path) }).toEqual({
        id: operation.operationId,
        method,
        path: normalizePath(path),
      });
      expect(operation.scope).toBe((op.security as J[]).find((requirement) => "oauth2" in requirement).oauth2[0]);
      expect({ id: operation.operationId, permissions: operation.permissions }).toEqual({
        id: operation.operationId,
        permissions: catalogPermissionIds(action.permission),
      });
    }
  });
});

describe("token endpoint: private_key_jwt client credentials", () => {
  let org: TestOrg;
  let clientId: string;
  beforeAll(async () => {
    org = await newOrg();
    clientId = await addClient(org, { grantedScopes: ["okta.users.read", "okta.users.manage"] });
  });

  it("issues a one-hour opaque Bearer token for a valid assertion, with Okta's headers", async () => {
    const response = await requestToken(org, clientId, { scope: "okta.users.read okta.users.manage" });
    expect(response.status).toBe(200);
    expectOktaHeaders(response);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as J;
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "okta.users.read okta.users.manage" });
    expect(body.access_token).toMatch(/^[\w-]{40,}$/);
  });

  const invalidClient = (description: string) => ({ status: 401, error: "invalid_client", error_description: description });

  it("refuses an assertion whose aud is not exactly the token URL invoked", async () => {
    for (const aud of [org.orgUrl, `${org.tokenUrl}/`, org.tokenUrl.replace("127.0.0.1", "localhost"), [org.tokenUrl, "https://other.example"]]) {
      const response = await requestToken(org, clientId, { assertion: await assertion(org, clientId, { claims: { aud } }) });
      expect(await oauthError(response)).toEqual(invalidClient("The audience claim for client_assertion must be the endpoint invoked for the request."));
    }
  });

  it("refuses an expired assertion, one without exp, and one expiring more than an hour ahead", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ exp: nowS() - 5, iat: nowS() - 65 }, "The client_assertion token is expired."],
      [{ exp: undefined }, "The client_assertion must contain the 'exp' claim as seconds since epoch."],
      [{ exp: nowS() + 3600 + 60 }, "The client_assertion token has an expiration too far into the future."],
      [{ iat: nowS() + 120 }, "The client_assertion token must be issued before the current time."],
    ];
    for (const [claims, description] of cases) {
      const response = await requestToken(org, clientId, { assertion: await assertion(org, clientId, { claims }) });
      expect(await oauthError(response)).toEqual(invalidClient(description));
    }
  });

  it("refuses a replayed assertion (same jti), and a fresh jti works again", async () => {
    const used = await assertion(org, clientId);
    const scope = "okta.users.read";
    expect((await requestToken(org, clientId, { scope, assertion: used })).status).toBe(200);
    expect(await oauthError(await requestToken(org, clientId, { scope, assertion: used }))).toEqual(
      invalidClient("The client_assertion token has already been used."),
    );
    expect((await requestToken(org, clientId, { scope })).status).toBe(200);
  });

  it("refuses an unknown or missing kid, a foreign key, a disallowed alg, and bad iss/sub", async () => {
    const cases: [Promise<string> | string, string][] = [
      [assertion(org, clientId, { header: { kid: "unknown-kid" } }), "The client_assertion JWT kid is invalid."],
      [assertion(org, clientId, { header: { kid: undefined } }), "The client_assertion JWT kid is invalid."],
      [assertion(org, clientId, { key: strangerKey }), "The client_assertion signature is invalid."],
      [
        `${b64url(JSON.stringify({ alg: "HS256", kid: KID }))}.${b64url(JSON.stringify({ iss: clientId, sub: clientId, aud: org.tokenUrl, exp: nowS() + 60 }))}.c2ln`,
        "The client_assertion JWT signature algorithm is invalid.",
      ],
      [
        assertion(org, clientId, { claims: { iss: "0oaUnknownClient0000", sub: "0oaUnknownClient0000" } }),
        "The issuer claim for client_assertion is not a valid client_id.",
      ],
      [assertion(org, clientId, { claims: { sub: "someone-else" } }), "The subject claim for client_assertion is not a valid client_id."],
      ["not-a-jwt", "The parsing of the client_assertion failed."],
    ];
    for (const [pending, description] of cases) {
      const response = await requestToken(org, clientId, { assertion: await pending });
      expect(await oauthError(response)).toEqual(invalidClient(description));
    }
  });

  it("refuses a key whose use is not sig", async () => {
    const encOrg = await newOrg();
    const encClient = await addClient(encOrg, { jwks: { keys: [{ ...clientKey.publicJwk, use: "enc" }] } });
    const response = await requestToken(encOrg, encClient);
    expect((await oauthError(response)).error_description).toMatch(/^The public key being used for client assertion has an invalid 'use' parameter/);
  });

  it("refuses scopes that were not granted, with Okta's verbatim invalid_scope", async () => {
    for (const scope of ["okta.authenticators.read", "okta.users.read okta.groups.manage", "openid"]) {
      expect(await oauthError(await requestToken(org, clientId, { scope }))).toEqual({
        status: 400,
        error: "invalid_scope",
        error_description: "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.",
      });
    }
    expect(await oauthError(await requestToken(org, clientId, { scope: "" }))).toEqual({
      status: 400,
      error: "invalid_scope",
      error_description: "No scopes were requested.",
    });
  });

  it("accepts only client_credentials with a jwt-bearer client assertion", async () => {
    const good = await assertion(org, clientId);
    const base = { scope: "okta.users.read", client_assertion_type: ASSERTION_TYPE, client_assertion: good };
    expect((await oauthError(await tokenRequest(org, { ...base, grant_type: "password" }))).error).toBe("unsupported_grant_type");
    expect(
      (await oauthError(await tokenRequest(org, { ...base, grant_type: "client_credentials", client_assertion_type: "urn:other" }))).error_description,
    ).toBe("The client_assertion_type is invalid.");
    expect(await oauthError(await tokenRequest(org, { grant_type: "client_credentials", scope: "okta.users.read" }))).toEqual(
      invalidClient("No client credentials found."),
    );
    expect(
      await oauthError(await tokenRequest(org, { grant_type: "client_credentials", scope: "okta.users.read", client_id: clientId, client_secret: "s3cret" })),
    ).toEqual(invalidClient("Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method."));
  });

  it("records every token request with its form fields and decoded assertion", async () => {
    const logOrg = await newOrg();
    const logClient = await addClient(logOrg);
    await requestToken(logOrg, logClient, { scope: "okta.users.read" });
    await requestToken(logOrg, logClient, { scope: "okta.groups.read" });
    const log = (await control("GET", `/orgs/${logOrg.orgId}/token-requests`)) as J[];
    expect(log.map((entry) => [entry.status, entry.form.scope, entry.clientId])).toEqual([
      [200, "okta.users.read", logClient],
      [400, "okta.groups.read", logClient],
    ]);
    expect(log[0].form.client_assertion_type).toBe(ASSERTION_TYPE);
    expect(log[0].assertion.claims).toMatchObject({ iss: logClient, sub: logClient, aud: logOrg.tokenUrl });
    expect(log[0].assertion.header).toMatchObject({ alg: "ES256", kid: KID });
    expect(log[1].error).toBe("invalid_scope");
  });
});

describe("client JWKS fetched from jwks_uri", () => {
  const publish = (name: string, jwks: unknown) => control("PUT", `/documents/${name}`, jwks);

  it("fetches the JWKS on every token request by default, so a rotated key is used at once", async () => {
    const org = await newOrg();
    const name = `jwks-${crypto.randomUUID()}`;
    await publish(name, { keys: [strangerKey.publicJwk] }); // the old key under the same kid
    const clientId = await addClient(org, { jwks: undefined, jwksUri: `${CONTROL}/documents/${name}` });
    expect(await oauthError(await requestToken(org, clientId))).toMatchObject({ error_description: "The client_assertion signature is invalid." });
    await publish(name, { keys: [clientKey.publicJwk] }); // rotated
    expect((await requestToken(org, clientId)).status).toBe(200);
    expect((await control("GET", `/orgs/${org.orgId}/clients/${clientId}`)).jwksFetches).toBe(2);
  });

  it("reuses a fetched JWKS for jwksCacheSeconds when the org is configured to cache", async () => {
    const org = await newOrg({ options: { jwksCacheSeconds: 300 } });
    const name = `jwks-${crypto.randomUUID()}`;
    await publish(name, { keys: [clientKey.publicJwk] });
    const clientId = await addClient(org, { jwks: undefined, jwksUri: `${CONTROL}/documents/${name}` });
    expect((await requestToken(org, clientId)).status).toBe(200);
    expect((await requestToken(org, clientId)).status).toBe(200);
    expect((await control("GET", `/orgs/${org.orgId}/clients/${clientId}`)).jwksFetches).toBe(1);
  });

  it("answers Okta's jwks_uri errors for an unreachable, empty, invalid or ambiguous JWKS", async () => {
    const org = await newOrg();
    const cases: [unknown, string][] = [
      [undefined, "Error retrieving the client JWKSet from jwks_uri."],
      [{ keys: [] }, "The client JWKSet from jwks_uri must contain at least one key."],
      [{ keys: [clientKey.publicJwk, strangerKey.publicJwk] }, "All keys in the client JWKSet from jwks_uri must have a unique kid."],
      [{ notKeys: true }, "The client JWKSet is invalid."],
    ];
    for (const [jwks, description] of cases) {
      const name = `jwks-${crypto.randomUUID()}`;
      if (jwks !== undefined) await publish(name, jwks);
      const clientId = await addClient(org, { jwks: undefined, jwksUri: `${CONTROL}/documents/${name}` });
      expect(await oauthError(await requestToken(org, clientId))).toEqual({ status: 401, error: "invalid_client", error_description: description });
    }
  });
});

describe("DPoP (apps that require it)", () => {
  let org: TestOrg;
  let clientId: string;
  beforeAll(async () => {
    org = await newOrg();
    clientId = await addClient(org, { dpopRequired: true });
    await seedUsers(org, [person("dora")]);
  });

  it("requires a DPoP proof at the token endpoint", async () => {
    expect(await oauthError(await requestToken(org, clientId))).toMatchObject({
      status: 400,
      error: "invalid_dpop_proof",
      error_description: "The DPoP proof JWT header is missing.",
    });
  });

  it("answers a valid proof without nonce with use_dpop_nonce and a dpop-nonce header, then binds the token to the proof key", async () => {
    const first = await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl) } });
    expect(first.headers.get("dpop-nonce")).toMatch(/^[\w-]{16,}$/);
    expect(await oauthError(first)).toEqual({ status: 400, error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof." });
    const { body, nonce } = await dpopToken(org, clientId);
    expect(body).toMatchObject({ token_type: "DPoP", expires_in: 3600 });
    const tokens = (await control("GET", `/orgs/${org.orgId}/tokens`)) as J[];
    expect(tokens.at(-1)).toMatchObject({ tokenType: "DPoP", jkt: await calculateJwkThumbprint(dpopKey.publicJwk, "sha256") });
    const log = (await control("GET", `/orgs/${org.orgId}/token-requests`)) as J[];
    expect(log.at(-2)).toMatchObject({
      status: 400,
      error: "use_dpop_nonce",
      dpopHeaderPresent: true,
      dpop: { header: { typ: "dpop+jwt" }, claims: { htm: "POST", htu: org.tokenUrl } },
    });
    expect(log.at(-1)).toMatchObject({ status: 200, tokenType: "DPoP", dpop: { claims: { nonce } } });
  });

  it("spends the client assertion on the nonce challenge, so the retry needs a fresh one", async () => {
    const spent = await assertion(org, clientId);
    const first = await requestToken(org, clientId, { assertion: spent, headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl) } });
    const nonce = first.headers.get("dpop-nonce")!;
    const retry = await requestToken(org, clientId, { assertion: spent, headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }) } });
    expect(await oauthError(retry)).toMatchObject({ error: "invalid_client", error_description: "The client_assertion token has already been used." });
  });

  it("checks the token-endpoint proof's typ, htm, htu, iat and signature", async () => {
    const nonce = (await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl) } })).headers.get("dpop-nonce")!;
    const cases: [Promise<string>, string][] = [
      [dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }, { typ: "JWT" }), "'typ' must be 'dpop+jwt' in the DPoP proof JWT."],
      [dpopProof(dpopKey, "GET", org.tokenUrl, { nonce }), "'htm' claim in the DPoP proof JWT is invalid."],
      [dpopProof(dpopKey, "POST", `${org.orgUrl}/oauth2/v1/authorize`, { nonce }), "'htu' claim in the DPoP proof JWT is invalid."],
      [dpopProof(dpopKey, "POST", org.tokenUrl, { nonce, iat: nowS() - 3600 }), "The DPoP proof JWT is issued more than five minutes in the past."],
      [dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }, { jwk: otherDpopKey.publicJwk }), "The DPoP proof JWT signature is invalid."],
    ];
    for (const [proof, description] of cases) {
      expect(await oauthError(await requestToken(org, clientId, { headers: { dpop: await proof } }))).toEqual({
        status: 400,
        error: "invalid_dpop_proof",
        error_description: description,
      });
    }
  });

  it("accepts DPoP API calls with a fresh proof carrying ath, and refuses Bearer use of the token", async () => {
    const { token } = await dpopToken(org, clientId);
    const ok = await dpopCall(org, token, "GET", "/api/v1/users?limit=5");
    expect(ok.status).toBe(200);
    expectOktaHeaders(ok);
    const bearer = await dpopCall(org, token, "GET", "/api/v1/users", { scheme: "Bearer", noProof: true });
    const body = await expectOktaError(bearer, "listUsers", 400, "invalid_request");
    expect(body.errorSummary).toBe("The resource request must use the DPoP authentication scheme when using a DPoP bound token.");
    expect(bearer.headers.get("www-authenticate")).toMatch(/^DPoP /);
  });

  it("refuses API calls without a proof, with a wrong ath, a replayed proof, or a key the token is not bound to", async () => {
    const { token } = await dpopToken(org, clientId);
    const missing = await dpopCall(org, token, "GET", "/api/v1/users", { noProof: true });
    expect((await expectOktaError(missing, "listUsers", 400, "invalid_request")).errorSummary).toBe("The resource request requires a DPoP proof.");

    const wrongAth = await dpopCall(org, token, "GET", "/api/v1/users", { claims: { ath: await sha256url("another token") } });
    expect((await expectOktaError(wrongAth, "listUsers", 400, "invalid_dpop_proof")).errorSummary).toBe(
      "'ath' claim in the DPoP proof does not match the presented access_token.",
    );

    const otherKey = await dpopCall(org, token, "GET", "/api/v1/users", { key: otherDpopKey });
    expect((await expectOktaError(otherKey, "listUsers", 400, "invalid_dpop_proof")).errorSummary).toBe(
      "The access_token is not bound to the provided DPoP proof.",
    );

    const proof = await dpopProof(dpopKey, "GET", `${org.orgUrl}/api/v1/users`, { ath: await sha256url(token) });
    const once = await fetch(`${org.orgUrl}/api/v1/users`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    expect(once.status).toBe(200);
    const twice = await fetch(`${org.orgUrl}/api/v1/users`, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    expect((await expectOktaError(twice, "listUsers", 400, "invalid_dpop_proof")).errorSummary).toBe("The DPoP proof JWT has already been used.");
    expect(twice.headers.get("www-authenticate")).toContain('error="invalid_dpop_proof"');
  });

  it("compares htu without the query, against the percent-decoded path (as Okta does)", async () => {
    const { token } = await dpopToken(org, clientId);
    const url = `${org.orgUrl}/api/v1/users/dora%40acme.test`;
    const decoded = await dpopProof(dpopKey, "GET", `${org.orgUrl}/api/v1/users/dora@acme.test`, { ath: await sha256url(token) });
    expect((await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: decoded } })).status).toBe(200);
    const encoded = await dpopProof(dpopKey, "GET", url, { ath: await sha256url(token) });
    const refused = await fetch(url, { headers: { authorization: `DPoP ${token}`, dpop: encoded } });
    expect((await expectOktaError(refused, "getUser", 400, "invalid_dpop_proof")).errorSummary).toBe("'htu' claim in the DPoP proof JWT is invalid.");
    const withQuery = await dpopProof(dpopKey, "GET", `${org.orgUrl}/api/v1/users?limit=1`, { ath: await sha256url(token) });
    expect((await fetch(`${org.orgUrl}/api/v1/users?limit=1`, { headers: { authorization: `DPoP ${token}`, dpop: withQuery } })).status).toBe(200);
  });

  it("keeps accepting the previous nonce after a rotation, and asks again for an unknown one", async () => {
    const { nonce } = await dpopToken(org, clientId);
    await control("POST", `/orgs/${org.orgId}/dpop-nonce/rotate`);
    const previous = await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl, { nonce }) } });
    expect(previous.status).toBe(200);
    const unknown = await requestToken(org, clientId, { headers: { dpop: await dpopProof(dpopKey, "POST", org.tokenUrl, { nonce: "made-up" }) } });
    expect((await oauthError(unknown)).error).toBe("use_dpop_nonce");
  });
});

describe("Management API authentication and authorization", () => {
  it("answers 401 E0000011 to a missing, unknown, expired or unsupported credential", async () => {
    const { org, call } = await adminOrg([person("ada")]);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer not-a-token" },
      { authorization: "SSWS not-a-token" },
      { authorization: "Basic YTpi" },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${org.orgUrl}/api/v1/users`, { headers });
      expectOktaHeaders(response);
      await expectOktaError(response, "listUsers", 401, "E0000011", "Invalid token provided");
    }
    expect((await call("/api/v1/users")).status).toBe(200);
    expect(await control("POST", `/orgs/${org.orgId}/tokens/expire`)).toEqual({ expired: 1 });
    const expired = await call("/api/v1/users");
    await expectOktaError(expired, "listUsers", 401, "E0000011", "Invalid token provided");
    expect(expired.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it("answers 403 E0000006 with an insufficient_scope challenge when the token lacks the operation's scope", async () => {
    const org = await newOrg();
    const clientId = await addClient(org);
    const [user] = await seedUsers(org, [person("ada")]);
    const readOnly = await bearerToken(org, clientId, "okta.users.read");
    const response = await fetch(`${org.orgUrl}/api/v1/users/${user.id}/lifecycle/suspend`, {
      method: "POST",
      headers: { authorization: `Bearer ${readOnly}` },
    });
    await expectOktaError(response, "suspendUser", 403, "E0000006", "You do not have permission to perform the requested action");
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const manageOnly = await bearerToken(org, clientId, "okta.users.manage");
    await expectOktaError(
      await fetch(`${org.orgUrl}/api/v1/users/${user.id}`, { headers: { authorization: `Bearer ${manageOnly}` } }),
      "getUser",
      403,
      "E0000006",
    );
  });

  it("answers 403 E0000006 to a service app with no admin role, or whose role lacks the operation's permission", async () => {
    const org = await newOrg();
    const [user] = await seedUsers(org, [person("ada", { factorsEnrolled: 1 })]);
    const call = async (adminRole: boolean | string[], method: string, path: string) => {
      const token = await bearerToken(org, await addClient(org, { adminRole }));
      return fetch(`${org.orgUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    };
    await expectOktaError(await call(false, "GET", `/api/v1/users/${user.id}`), "getUser", 403, "E0000006");
    await expectOktaError(await call(["okta.users.read"], "POST", `/api/v1/users/${user.id}/lifecycle/suspend`), "suspendUser", 403, "E0000006");
    await expectOktaError(await call(["okta.users.read"], "GET", `/api/v1/users/${user.id}/groups`), "listUserGroups", 403, "E0000006");
    expect((await call(["okta.users.read", "okta.groups.read"], "GET", `/api/v1/users/${user.id}/groups`)).status).toBe(200);
    expect((await call(["okta.users.lifecycle.suspend"], "POST", `/api/v1/users/${user.id}/lifecycle/suspend`)).status).toBe(200);
    // okta.users.manage covers every okta.users.* permission, including okta.users.read.
    expect((await call(["okta.users.manage"], "POST", `/api/v1/users/${user.id}/lifecycle/reset_factors`)).status).toBe(200);
  });

  it("accepts an SSWS API token with its admin's permissions, and logs the scheme of each call", async () => {
    const org = await newOrg();
    const { token } = await control("POST", `/orgs/${org.orgId}/api-tokens`, { adminRole: ["okta.users.read"] });
    await seedUsers(org, [person("ada")]);
    expect((await fetch(`${org.orgUrl}/api/v1/users/ada`, { headers: { authorization: `SSWS ${token}` } })).status).toBe(200);
    await expectOktaError(
      await fetch(`${org.orgUrl}/api/v1/authenticators`, { headers: { authorization: `SSWS ${token}` } }),
      "listAuthenticators",
      403,
      "E0000006",
    );
    const log = (await control("GET", `/orgs/${org.orgId}/api-requests`)) as J[];
    expect(log.map((entry) => [entry.method, entry.path, entry.authScheme, entry.operationId, entry.status])).toEqual([
      ["GET", "/api/v1/users/ada", "SSWS", "getUser", 200],
      ["GET", "/api/v1/authenticators", "SSWS", "listAuthenticators", 403],
    ]);
  });
});

describe("users: lookup and update", () => {
  it("finds a user by id, by URL-encoded login, and by unambiguous login shortname; 404 E0000007 otherwise", async () => {
    const { call, users } = await adminOrg([
      person("ada"),
      person("bob"),
      { profile: { ...person("bob").profile, login: "bob@other.test", email: "bob@other.test" } },
    ]);
    const ada = users[0];
    for (const ref of [ada.id, "ada%40acme.test", "ADA%40acme.test", "ada"]) {
      const response = await call(`/api/v1/users/${ref}`);
      expect(response.status).toBe(200);
      expectOktaHeaders(response);
      expect(((await response.json()) as J).id).toBe(ada.id);
    }
    await expectOktaError(await call("/api/v1/users/bob"), "getUser", 404, "E0000007", "Not found: Resource not found: bob (User)");
    await expectOktaError(
      await call("/api/v1/users/00uNoSuchUser0000000"),
      "getUser",
      404,
      "E0000007",
      "Not found: Resource not found: 00uNoSuchUser0000000 (User)",
    );
  });

  it("renders a user like Okta: 00u id, timestamps, type, profile, credentials without secrets, full _links", async () => {
    const { call, users } = await adminOrg([{ ...person("ada"), factorsEnrolled: 1, recoveryQuestion: "First pet?" }]);
    const response = await call(`/api/v1/users/${users[0].id}`);
    const user = (await response.json()) as J;
    expect(user.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(user.credentials).toEqual({ password: {}, recovery_question: { question: "First pet?" }, provider: { type: "OKTA", name: "OKTA" } });
    expect(Object.keys(user._links).sort()).toEqual(
      [
        "changePassword",
        "changeRecoveryQuestion",
        "deactivate",
        "expirePassword",
        "forgotPassword",
        "resetFactors",
        "resetPassword",
        "schema",
        "self",
        "suspend",
        "type",
      ].sort(),
    );
    expectMatchesSpec("getUser", 200, user);
    expectOnlyDeclared(user, "User");
    const linkRels = new Set<string>();
    for (const part of doc.components.schemas.User.properties._links.allOf) for (const key of Object.keys(part.properties ?? {})) linkRels.add(key);
    linkRels.add("self");
    expect(Object.keys(user._links).filter((rel) => !linkRels.has(rel))).toEqual([]);
  });

  it("honours okta-response=omitCredentials,omitCredentialsLinks", async () => {
    const { call, users } = await adminOrg([{ ...person("ada"), factorsEnrolled: 1 }]);
    const response = await call(`/api/v1/users/${users[0].id}`, {
      headers: { "content-type": "application/json; okta-response=omitCredentials,omitCredentialsLinks" },
    });
    const user = (await response.json()) as J;
    expect(user.credentials).toBeUndefined();
    expect(Object.keys(user._links).sort()).toEqual(["deactivate", "expirePassword", "schema", "self", "suspend", "type"]);
  });

  it("updates partially with POST, accepts a password without ever echoing it", async () => {
    const { org, call, users } = await adminOrg([person("ada")]);
    const response = await call(`/api/v1/users/${users[0].id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ profile: { title: "Countess", firstName: "Augusta" }, credentials: { password: { value: "Analytical-Engine-1843" } } }),
    });
    const user = (await response.json()) as J;
    expect(response.status).toBe(200);
    expect(user.profile).toMatchObject({ firstName: "Augusta", lastName: "Tester", title: "Countess", login: "ada@acme.test" });
    expect(JSON.stringify(user)).not.toContain("Analytical-Engine-1843");
    expect(user.credentials.password).toEqual({});
    expectMatchesSpec("updateUser", 200, user);
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`)).passwordValue).toBe("Analytical-Engine-1843");
  });

  it("refuses updates that Okta refuses: DEPROVISIONED user, malformed body, invalid or duplicate login", async () => {
    const { call, users } = await adminOrg([person("ada"), person("bob"), person("gone", { status: "DEPROVISIONED" })]);
    const post = (id: string, body: string) => call(`/api/v1/users/${id}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await expectOktaError(
      await post(users[2].id, JSON.stringify({ profile: { title: "x" } })),
      "updateUser",
      403,
      "E0000038",
      "This operation is not allowed in the user's current status.",
    );
    await expectOktaError(await post(users[0].id, "{not json"), "updateUser", 400, "E0000003", "The request body was not well-formed.");
    const duplicate = await expectOktaError(
      await post(users[0].id, JSON.stringify({ profile: { login: "bob@acme.test" } })),
      "updateUser",
      400,
      "E0000001",
      "Api validation failed: login",
    );
    expect(duplicate.errorCauses).toEqual([{ errorSummary: "login: An object with this field already exists in the current organization" }]);
    await expectOktaError(await post(users[0].id, JSON.stringify({ profile: { lastName: "" } })), "updateUser", 400, "E0000001");
  });
});

describe("users: lifecycle state machine", () => {
  const STATUSES = ["ACTIVE", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "SUSPENDED"];
  const ACTIONS: [string, string, string][] = [
    ["activate", "activate", "activateUser"],
    ["deactivate", "deactivate", "deactivateUser"],
    ["reactivate", "reactivate", "reactivateUser"],
    ["reset_factors", "resetFactors", "resetFactors"],
    ["suspend", "suspend", "suspendUser"],
    ["unsuspend", "unsuspend", "unsuspendUser"],
    ["unlock", "unlock", "unlockUser"],
  ];
  const RESULT: Record<string, string> = {
    suspend: "SUSPENDED",
    unsuspend: "ACTIVE",
    unlock: "ACTIVE",
    deactivate: "DEPROVISIONED",
    reactivate: "PROVISIONED",
  };

  it("offers a lifecycle link exactly when the operation succeeds, for every status and action", async () => {
    const { org, call } = await adminOrg();
    for (const status of STATUSES) {
      for (const [action, rel, operationId] of ACTIONS) {
        const [user] = await seedUsers(org, [person(`${status.toLowerCase()}-${action}`.replace(/_/g, "-"), { status, factorsEnrolled: 1 })]);
        const links = ((await (await call(`/api/v1/users/${user.id}`)).json()) as J)._links;
        const response = await call(`/api/v1/users/${user.id}/lifecycle/${action}`, { method: "POST" });
        expect({ status, action, offered: rel in links, succeeded: response.status === 200 }).toEqual({
          status,
          action,
          offered: response.status === 200,
          succeeded: response.status === 200,
        });
        if (response.status !== 200) await expectOktaError(response, operationId, response.status, ((await response.clone().json()) as J).errorCode);
        else if (RESULT[action]) expect((await control("GET", `/orgs/${org.orgId}/users/${user.id}`)).status).toBe(RESULT[action]);
      }
    }
  });

  it("answers each refused transition with Okta's code", async () => {
    const { call, users } = await adminOrg([person("active"), person("staged", { status: "STAGED" }), person("gone", { status: "DEPROVISIONED" })]);
    const [active, staged, gone] = users;
    const post = (id: string, action: string) => call(`/api/v1/users/${id}/lifecycle/${action}`, { method: "POST" });
    await expectOktaError(await post(active.id, "activate"), "activateUser", 403, "E0000016", "Activation failed because the user is already active");
    const suspend = await expectOktaError(await post(staged.id, "suspend"), "suspendUser", 400, "E0000001");
    expect(suspend.errorCauses.length).toBeGreaterThan(0);
    await expectOktaError(await post(active.id, "unsuspend"), "unsuspendUser", 400, "E0000001");
    await expectOktaError(await post(active.id, "unlock"), "unlockUser", 403, "E0000032", "Unlock is not allowed for this user.");
    await expectOktaError(
      await post(active.id, "reactivate"),
      "reactivateUser",
      403,
      "E0000038",
      "This operation is not allowed in the user's current status.",
    );
    await expectOktaError(await post(gone.id, "deactivate"), "deactivateUser", 404, "E0000007");
    await expectOktaError(await post(active.id, "reset_factors"), "resetFactors", 400, "E0000001");
    await expectOktaError(await post("00uNoSuchUser0000000", "suspend"), "suspendUser", 404, "E0000007");
  });

  it("activates with an activation token only when sendEmail=false, to ACTIVE with a password and PROVISIONED without", async () => {
    const { org, call, users } = await adminOrg([person("pw", { status: "STAGED", hasPassword: true }), person("nopw", { status: "STAGED" })]);
    const quiet = await call(`/api/v1/users/${users[0].id}/lifecycle/activate?sendEmail=false`, { method: "POST" });
    const token = (await quiet.json()) as J;
    expect(token.activationUrl).toBe(`${org.orgUrl}/tokens/${token.activationToken}/verify`);
    expectMatchesSpec("activateUser", 200, token);
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`)).status).toBe("ACTIVE");
    const emailed = await call(`/api/v1/users/${users[1].id}/lifecycle/activate`, { method: "POST" });
    expect(await emailed.json()).toEqual({});
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[1].id}`)).status).toBe("PROVISIONED");
  });

  it("models asynchronous activation: transitioningToStatus, then 409 E0000112 on update until it completes", async () => {
    const { call, users } = await adminOrg([person("slow", { status: "STAGED", hasPassword: true })], { options: { transitionDelayMs: 1000 } });
    await call(`/api/v1/users/${users[0].id}/lifecycle/activate`, { method: "POST" });
    const during = (await (await call(`/api/v1/users/${users[0].id}`)).json()) as J;
    expect([during.status, during.transitioningToStatus]).toEqual(["STAGED", "ACTIVE"]);
    const update = await call(`/api/v1/users/${users[0].id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"profile":{"title":"x"}}',
    });
    expect(((await update.json()) as J).errorCode).toBe("E0000112");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = (await (await call(`/api/v1/users/${users[0].id}`)).json()) as J;
    expect([after.status, after.transitioningToStatus]).toEqual(["ACTIVE", undefined]);
  });
});

describe("list users: search, filter, q and pagination", () => {
  let fixture: Awaited<ReturnType<typeof adminOrg>>;
  beforeAll(async () => {
    fixture = await adminOrg([
      person("alice", { profile: { ...person("alice").profile, department: "Eng" } }),
      person("albert"),
      person("bob", { status: "SUSPENDED" }),
      person("carol", { status: "DEPROVISIONED" }),
      person("dave", { status: "STAGED" }),
    ]);
  });
  const logins = async (response: Response) => {
    expect(response.status).toBe(200);
    return ((await response.json()) as J[]).map((user) => user.profile.login.split("@")[0]);
  };
  const list = (query: string) => fixture.call(`/api/v1/users${query}`);

  it("omits DEPROVISIONED users without a query, and includes them with search or filter", async () => {
    expect(await logins(await list(""))).toEqual(["alice", "albert", "bob", "dave"]);
    expect(await logins(await list(`?search=${encodeURIComponent('status eq "DEPROVISIONED"')}`))).toEqual(["carol"]);
    expect(await logins(await list(`?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`))).toEqual(["carol"]);
  });

  it("searches with eq/sw/co, and/or, parentheses, case-insensitive values; filters case-sensitively", async () => {
    const search = (expression: string) => list(`?search=${encodeURIComponent(expression)}`);
    expect(await logins(await search('profile.firstName sw "al"'))).toEqual(["alice", "albert"]);
    expect(await logins(await search('profile.email co "BER" or profile.department eq "eng"'))).toEqual(["alice", "albert"]);
    expect(await logins(await search('(status eq "ACTIVE" or status eq "SUSPENDED") and profile.login sw "b"'))).toEqual(["bob"]);
    expect(await logins(await list(`?filter=${encodeURIComponent('profile.login eq "ALICE@acme.test"')}`))).toEqual([]);
    expect(await logins(await list(`?filter=${encodeURIComponent('profile.login eq "alice@acme.test"')}`))).toEqual(["alice"]);
  });

  it("answers E0000031 to unsupported search criteria and E0000033 to search with filter", async () => {
    for (const expression of ['profile.email ne "x"', 'profile.department co "E"', "profile.email eq", 'not status eq "ACTIVE"', 'status eq "ACTIVE" and']) {
      await expectOktaError(await list(`?search=${encodeURIComponent(expression)}`), "listUsers", 400, "E0000031", "Invalid search criteria.");
    }
    await expectOktaError(await list(`?filter=${encodeURIComponent('profile.department eq "Eng"')}`), "listUsers", 400, "E0000031");
    await expectOktaError(
      await list(`?search=x&filter=y`),
      "listUsers",
      400,
      "E0000033",
      "Bad request. Can't specify a search query and filter in the same request.",
    );
  });

  it("matches q as a prefix of first name, last name or email, without DEPROVISIONED users or paging", async () => {
    const response = await list("?q=al&limit=1");
    expect(await logins(response)).toEqual(["alice"]);
    expect(response.headers.get("link")).not.toContain('rel="next"');
    expect(await logins(await list("?q=car"))).toEqual([]);
  });

  it("pages with Link rel=self and rel=next until every user was returned once", async () => {
    const seen: string[] = [];
    let url: string | undefined = `${fixture.org.orgUrl}/api/v1/users?limit=2`;
    let pages = 0;
    while (url) {
      const response: Response = await fetch(url, { headers: { authorization: `Bearer ${fixture.token}` } });
      const body = (await response.json()) as J[];
      expectMatchesSpec("listUsers", 200, body);
      for (const user of body) expect(Object.keys(user._links)).toEqual(["self"]);
      seen.push(...body.map((user) => user.profile.login.split("@")[0]));
      const link: string = response.headers.get("link") ?? "";
      expect(link).toContain(`<${url}>; rel="self"`);
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(["alice", "albert", "bob", "dave"]);
  });

  it("serves search results from an eventually consistent index when searchDelayMs is set", async () => {
    const { call, users } = await adminOrg([person("eve")], { options: { searchDelayMs: 1000 } });
    const search = () => call(`/api/v1/users?search=${encodeURIComponent('status eq "SUSPENDED"')}`);
    await call(`/api/v1/users/${users[0].id}/lifecycle/suspend`, { method: "POST" });
    expect(await logins(await search())).toEqual([]);
    expect(((await (await call(`/api/v1/users/${users[0].id}`)).json()) as J).status).toBe("SUSPENDED");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await logins(await search())).toEqual(["eve"]);
  });
});

describe("groups, authenticators and temporary access codes", () => {
  it("lists a user's groups (Everyone first) in the spec's Group shape", async () => {
    const { call, users } = await adminOrg([person("ada", { groups: ["Engineering", "Admins"] })]);
    const response = await call(`/api/v1/users/${users[0].id}/groups`);
    const groups = (await response.json()) as J[];
    expect(groups.map((group) => [group.type, group.profile.name])).toEqual([
      ["BUILT_IN", "Everyone"],
      ["OKTA_GROUP", "Engineering"],
      ["OKTA_GROUP", "Admins"],
    ]);
    expectMatchesSpec("listUserGroups", 200, groups);
    for (const group of groups) {
      expect(group.id).toMatch(/^00g[A-Za-z0-9]{17}$/);
      expectOnlyDeclared(group, "Group");
    }
    await expectOktaError(await call("/api/v1/users/nobody/groups"), "listUserGroups", 404, "E0000007");
  });

  it("lists and gets authenticators, each valid for its key's schema, including tac", async () => {
    const { call } = await adminOrg();
    const listed = (await (await call("/api/v1/authenticators")).json()) as J[];
    expectMatchesSpec("listAuthenticators", 200, listed);
    expect(listed.map((authenticator) => authenticator.key)).toEqual(expect.arrayContaining(["okta_password", "okta_email", "okta_verify", "tac"]));
    const mapping = doc.components.schemas.AuthenticatorBase.discriminator.mapping as Record<string, string>;
    for (const authenticator of listed) {
      const schemaName = mapping[authenticator.key]!.split("/").pop()!;
      expect(schemaErrors({ $ref: `#/components/schemas/${schemaName}` }, authenticator)).toEqual([]);
      expectOnlyDeclared(authenticator, schemaName);
      const got = await call(`/api/v1/authenticators/${authenticator.id}`);
      const body = (await got.json()) as J;
      expect(body).toEqual(authenticator);
      expectMatchesSpec("getAuthenticator", 200, body);
    }
    await expectOktaError(await call("/api/v1/authenticators/autNoSuchAuthenticator"), "getAuthenticator", 404, "E0000007");
  });

  it("issues a TAC by user id only, returns the code once, and replaces the previous code", async () => {
    const { org, call, users } = await adminOrg([person("ada")]);
    const tacId = ((await (await call("/api/v1/authenticators")).json()) as J[]).find((authenticator) => authenticator.key === "tac").id;
    const create = (ref: string, body: unknown) =>
      call(`/api/v1/users/${ref}/authenticator-enrollments/tac`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const response = await create(users[0].id, { authenticatorId: tacId, profile: { ttl: "60", multiUse: false } });
    const enrollment = (await response.json()) as J;
    expect(response.status).toBe(200);
    expectMatchesSpec("createTacAuthenticatorEnrollment", 200, enrollment);
    expectOnlyDeclared(enrollment, "TacAuthenticatorEnrollment");
    expect(enrollment).toMatchObject({ type: "tac", key: "tac", status: "ACTIVE", name: "Temporary Access Code", profile: { multiUse: false } });
    expect(enrollment.profile.tac).toMatch(/^\S{8,}$/);
    expect(Date.parse(enrollment.profile.expiresAt) - Date.parse(enrollment.created)).toBe(60 * 60_000);

    const second = (await (await create(users[0].id, { authenticatorId: tacId })).json()) as J;
    const state = await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`);
    expect(state.tac.id).toBe(second.id);
    expect(state.tac.tac).toBe(second.profile.tac);
    expect(second.profile.tac).not.toBe(enrollment.profile.tac);
    // The code is never readable through the user afterwards.
    expect(JSON.stringify(await (await call(`/api/v1/users/${users[0].id}`)).json())).not.toContain(second.profile.tac);

    await expectOktaError(await create("ada%40acme.test", { authenticatorId: tacId }), "createTacAuthenticatorEnrollment", 404, "E0000007");
    const passwordId = ((await (await call("/api/v1/authenticators")).json()) as J[]).find((authenticator) => authenticator.key === "okta_password").id;
    await expectOktaError(await create(users[0].id, { authenticatorId: passwordId }), "createTacAuthenticatorEnrollment", 400, "E0000001");
    for (const ttl of ["5", "14401", 60, "1h"]) {
      await expectOktaError(await create(users[0].id, { authenticatorId: tacId, profile: { ttl } }), "createTacAuthenticatorEnrollment", 400, "E0000001");
    }
  });
});

describe("rate limits and fault switches", () => {
  it("trips the configured rate limit for real: 429 E0000047 with Remaining 0 and the window's Reset", async () => {
    const { org, call } = await adminOrg();
    await control("PUT", `/orgs/${org.orgId}/rate-limits`, { api: { limit: 3, windowSeconds: 30 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await call("/api/v1/authenticators");
      expect(response.status).toBe(200);
      remaining.push(response.headers.get("x-rate-limit-remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await call("/api/v1/authenticators");
    await expectOktaError(limited, "listAuthenticators", 429, "E0000047", "API call exceeded rate limit due to too many requests.");
    expect(limited.headers.get("x-rate-limit-limit")).toBe("3");
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    const reset = Number(limited.headers.get("x-rate-limit-reset"));
    expect(reset).toBeGreaterThanOrEqual(nowS());
    expect(reset).toBeLessThanOrEqual(nowS() + 31);
    // The token endpoint draws from its own budget.
    expect((await requestToken(org, (await control("GET", `/orgs/${org.orgId}`)).clients[0])).status).toBe(200);
  });

  it("answers the next N matching requests with 429 and a Reset the given seconds ahead, then recovers", async () => {
    const { org, call } = await adminOrg([person("ada")]);
    await control("POST", `/orgs/${org.orgId}/faults`, { kind: "429", count: 2, pathPrefix: "/api/v1/users", method: "GET", resetSeconds: 7 });
    expect((await call("/api/v1/authenticators")).status).toBe(200); // not matching
    for (let i = 0; i < 2; i++) {
      const response = await call("/api/v1/users/ada");
      await expectOktaError(response, "getUser", 429, "E0000047");
      expect(response.headers.get("x-rate-limit-remaining")).toBe("0");
      expect(Number(response.headers.get("x-rate-limit-reset")) - nowS()).toBeGreaterThanOrEqual(6);
    }
    expect((await call("/api/v1/users/ada")).status).toBe(200);
    const log = (await control("GET", `/orgs/${org.orgId}/api-requests`)) as J[];
    expect(log.filter((entry) => entry.fault === "429")).toHaveLength(2);
  });

  it("answers 500 E0000009, a gateway's HTML 502/503, and 500 on the token endpoint as OAuth server_error", async () => {
    const { org, clientId, call } = await adminOrg();
    await control("POST", `/orgs/${org.orgId}/faults`, [
      { kind: "500", pathPrefix: "/api/v1/authenticators" },
      { kind: "502", pathPrefix: "/api/v1/authenticators" },
      { kind: "503", pathPrefix: "/api/v1/authenticators" },
      { kind: "500", pathPrefix: "/oauth2/v1/token" },
    ]);
    await expectOktaError(await call("/api/v1/authenticators"), "listAuthenticators", 500, "E0000009", "Internal Server Error");
    for (const status of [502, 503]) {
      const response = await call("/api/v1/authenticators");
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain(`<h1>${status} `);
    }
    expect((await oauthError(await requestToken(org, clientId))).error).toBe("server_error");
    expect((await call("/api/v1/authenticators")).status).toBe(200);
  });

  it("hangs a request until the client gives up", async () => {
    const { org, call } = await adminOrg();
    await control("POST", `/orgs/${org.orgId}/faults`, { kind: "hang", pathPrefix: "/api/v1/authenticators" });
    await expect(call("/api/v1/authenticators", { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await call("/api/v1/authenticators")).status).toBe(200);
  });

  it("applies an `after` fault once the operation took effect (the case a retry must not repeat blindly)", async () => {
    const { org, call, users } = await adminOrg([person("ada")]);
    await control("POST", `/orgs/${org.orgId}/faults`, { kind: "502", when: "after", pathPrefix: `/api/v1/users/${users[0].id}/lifecycle/suspend` });
    const response = await call(`/api/v1/users/${users[0].id}/lifecycle/suspend`, { method: "POST" });
    expect(response.status).toBe(502);
    expect((await control("GET", `/orgs/${org.orgId}/users/${users[0].id}`)).status).toBe("SUSPENDED");
  });
});

describe("tenancy", () => {
  it("keeps orgs isolated: a token of one org is worthless in another", async () => {
    const first = await adminOrg([person("ada")]);
    const second = await adminOrg([person("ada")]);
    expect(first.org.orgUrl).not.toBe(second.org.orgUrl);
    const crossed = await fetch(`${second.org.orgUrl}/api/v1/users/ada`, { headers: { authorization: `Bearer ${first.token}` } });
    await expectOktaError(crossed, "getUser", 401, "E0000011");
    expect(((await (await second.call("/api/v1/users/ada")).json()) as J).id).toBe(second.users[0].id);
  });

  it("serves an org on a port of its own, so its orgUrl is a bare origin", async () => {
    const { org, call } = await adminOrg([person("ada")], { dedicatedPort: true });
    expect(new URL(org.orgUrl).pathname).toBe("/");
    expect(org.orgUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(org.tokenUrl).toBe(`${org.orgUrl}/oauth2/v1/token`);
    expect((await call("/api/v1/users/ada")).status).toBe(200);
    await control("DELETE", `/orgs/${org.orgId}`);
    await expect(fetch(`${org.orgUrl}/api/v1/users/ada`)).rejects.toThrow();
  });
});
