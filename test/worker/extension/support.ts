import { createExecutionContext, env } from "cloudflare:test";
import { expect } from "vitest";
import { createApp } from "../../../worker/src/app";
import { api, BASE, BOOTSTRAP, orgWithSso, postAcs, testIdp, validFor } from "../support/api";

/** A Chrome-shaped extension ID (32 letters a–p), different per call. */
export function chromeExtensionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => "abcdefghijklmnop"[b % 16]).join("");
}

export function redirectUriFor(extensionId: string): string {
  return `https://${extensionId}.chromiumapp.org/signed-in`;
}

/** An RFC 7636 verifier and its S256 challenge. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return { verifier, challenge: b64url(digest) };
}

function b64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export async function registerExtensions(orgId: string, extensionIds: string[]): Promise<void> {
  const response = await api(`/api/orgs/${orgId}`, { method: "PATCH", headers: BOOTSTRAP, json: { extensionIds } });
  expect(response.status).toBe(200);
}

export function loginUrl(orgId: string, params: Record<string, string>): string {
  return `/${orgId}/login?${new URLSearchParams(params).toString()}`;
}

export function extensionLoginParams(extensionId: string, challenge: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { extension: extensionId, redirect_uri: redirectUriFor(extensionId), code_challenge: challenge, code_challenge_method: "S256", ...overrides };
}

/** Starts an extension login and returns the AuthnRequest ID the worker sent to the IdP. */
export async function startExtensionLogin(orgId: string, params: Record<string, string>): Promise<string> {
  const response = await api(loginUrl(orgId, params));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  const deflated = Uint8Array.from(atob(location.searchParams.get("SAMLRequest")!), (ch) => ch.charCodeAt(0));
  const xml = await new Response(new Blob([deflated]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
  return /ID="([^"]+)"/.exec(xml)![1]!;
}

/**
 * The one-time code of an ACS answer to an extension login: a 200 page (no cookie, not stored, no referrer) that
 * navigates to the extension's redirect URI by meta refresh, and links to it.
 */
export async function codeFromRedirect(response: Response, redirectUri: string): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get("set-cookie")).toBeNull();
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  // The hand-off page itself may load or run nothing: it only navigates (meta refresh) to the extension.
  expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  const html = await response.text();
  const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(html)?.[1];
  expect(refresh, html).toBeDefined();
  const href = refresh!.replace(/&amp;/g, "&");
  expect(html).toContain(`<a href="${refresh}">`);
  const location = new URL(href);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  const code = location.searchParams.get("code");
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return code!;
}

export function exchange(body: Record<string, unknown>): Promise<Response> {
  return api("/api/extension/token", { method: "POST", json: body });
}

/** The worker with its clock pinned at `nowMs` (same bindings and Durable Objects as SELF). */
export function workerAt(nowMs: number) {
  const app = createApp(() => nowMs);
  return (path: string, init?: RequestInit): Promise<Response> =>
    Promise.resolve(app.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init }), env, createExecutionContext()));
}

/** An organization with one registered extension, signed in through it: the code, its verifier and redirect URI. */
export async function issuedCode(nameId = "ada@example.com") {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  const extensionId = chromeExtensionId();
  await registerExtensions(org.id, [extensionId]);
  const { verifier, challenge } = await pkcePair();
  const requestId = await startExtensionLogin(org.id, extensionLoginParams(extensionId, challenge));
  const redirectUri = redirectUriFor(extensionId);
  const acs = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId, nameId })));
  return { idp, org, extensionId, verifier, redirectUri, code: await codeFromRedirect(acs, redirectUri) };
}
