import { env, SELF } from "cloudflare:test";
import { expect } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "../../../shared/errors";
import { createTestIdp, type SignedResponseOptions, type TestIdp } from "../../support/idp";

/** Every worker test talks to this origin; the worker derives its entity IDs and ACS URLs from it. */
export const BASE = "https://companion.test";
export const BOOTSTRAP = { authorization: `Bearer ${env.ADMIN_BOOTSTRAP_TOKEN}` };

export function api(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return SELF.fetch(`${BASE}${path}`, { ...init, headers, body, redirect: "manual" });
}

let counter = 0;
/** A fresh organization per test (storage is shared between tests of a file). */
export async function createOrg(extra: Record<string, unknown> = {}): Promise<{ id: string; acsUrl: string; audienceUri: string }> {
  const id = `org-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const response = await api("/api/orgs", { method: "POST", headers: BOOTSTRAP, json: { name: `Test ${id}`, id, ...extra } });
  if (response.status !== 201) throw new Error(`createOrg: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; acsUrl: string; audienceUri: string };
}

let sharedIdp: Promise<TestIdp> | undefined;
/** Key generation is the slow part of a fixture: one RSA IdP per test file is enough. */
export function testIdp(): Promise<TestIdp> {
  sharedIdp ??= createTestIdp();
  return sharedIdp;
}

/** An organization whose SSO trusts `idp` (pasted metadata). */
export async function orgWithSso(idp: TestIdp, settings: Record<string, unknown> = {}) {
  const org = await createOrg();
  const sso = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataXml: idp.metadataXml() } });
  if (sso.status !== 200) throw new Error(`sso: ${sso.status} ${await sso.text()}`);
  if (Object.keys(settings).length > 0) {
    const patched = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: settings });
    if (patched.status !== 200) throw new Error(`patch: ${patched.status} ${await patched.text()}`);
  }
  return org;
}

/** Options for a response that this org would accept right now (tests then override one thing). */
export function validFor(org: { acsUrl: string; audienceUri: string }, overrides: Partial<SignedResponseOptions> = {}): SignedResponseOptions {
  return { destination: org.acsUrl, audience: org.audienceUri, now: new Date(), nameId: "ada@example.com", ...overrides };
}

export function postAcs(orgId: string, samlResponse: string, relayState?: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = new URLSearchParams({ SAMLResponse: samlResponse });
  if (relayState !== undefined) form.set("RelayState", relayState);
  return SELF.fetch(`${BASE}/${orgId}/acs`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form.toString(),
    redirect: "manual",
  });
}

/** The session cookie a response set (name=value), or undefined. */
export function sessionCookie(response: Response): string | undefined {
  const header = response.headers.get("set-cookie") ?? "";
  const match = /(__Host-poc_session=[^;]+)/.exec(header);
  return match?.[1];
}

/** Starts an SP-initiated login and returns the AuthnRequest ID the worker remembered. */
export async function startLogin(orgId: string, relayState?: string): Promise<string> {
  const query = relayState === undefined ? "" : `?RelayState=${encodeURIComponent(relayState)}`;
  const response = await api(`/${orgId}/login${query}`);
  if (response.status !== 302) throw new Error(`login: ${response.status} ${await response.text()}`);
  const location = new URL(response.headers.get("location")!);
  const deflated = Uint8Array.from(atob(location.searchParams.get("SAMLRequest")!), (ch) => ch.charCodeAt(0));
  const xml = await new Response(new Blob([deflated]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
  return /ID="([^"]+)"/.exec(xml)![1]!;
}

export async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code ?? `(no code, status ${response.status})`;
}

/** Signs `email` in to `org` through the real ACS (IdP-initiated) and returns the session cookie. */
export async function signIn(
  idp: TestIdp,
  org: { id: string; acsUrl: string; audienceUri: string },
  email: string,
  attributes?: Record<string, string[]>,
): Promise<string> {
  const response = await postAcs(
    org.id,
    await idp.samlResponse(validFor(org, { nameId: email, ...(attributes ? { attributes: { email: [email], ...attributes } } : {}) })),
  );
  const cookie = sessionCookie(response);
  if (response.status !== 303 || !cookie) throw new Error(`signIn: ${response.status} ${await response.text()}`);
  return cookie;
}

/** Pre-provisions `email` with `role` in `orgId` (bootstrap credential). */
export async function provision(orgId: string, email: string, role: "viewer" | "operator" | "admin"): Promise<void> {
  const response = await api(`/api/orgs/${orgId}/users`, { method: "POST", headers: BOOTSTRAP, json: { email, role } });
  if (response.status !== 201) throw new Error(`provision: ${response.status} ${await response.text()}`);
}

/** An ACS refusal: the code's 4xx status, that code, and no session cookie. */
export async function expectRefused(response: Response, code: ErrorCode): Promise<void> {
  expect(sessionCookie(response)).toBeUndefined();
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.status).toBe(ERROR_STATUS[code]);
  expect(await errorCode(response)).toBe(code);
}
