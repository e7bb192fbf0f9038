import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ExtensionTokenResponse } from "../../../shared/extension";
import { EXTENSION_CODE_TTL_MS } from "../../../worker/src/auth/extension-login";
import { api, BOOTSTRAP, errorCode, orgWithSso, postAcs, sessionCookie, testIdp, validFor } from "../support/api";
import {
  chromeExtensionId,
  codeFromRedirect,
  exchange,
  extensionLoginParams,
  issuedCode,
  loginUrl,
  pkcePair,
  redirectUriFor,
  registerExtensions,
  startExtensionLogin,
  workerAt,
} from "./support";

async function expectLoginRefused(orgId: string, params: Record<string, string>, code: string) {
  const response = await api(loginUrl(orgId, params));
  expect(response.status).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(await errorCode(response)).toBe(code);
}

async function expectCodeRefused(response: Response) {
  expect(response.status).toBe(400);
  expect(await errorCode(response)).toBe("extension_code_invalid");
}

/** Firefox's web-auth redirect host label: the hex SHA-1 of the add-on ID. */
function sha1Hex(value: string): string {
  return createHash("sha1").update(value, "utf8").digest("hex");
}

describe("GET /{org}/login?extension=…: only registered extensions, their own URL, S256", () => {
  it("refuses an extension ID that is not registered for the organization", async () => {
    const org = await orgWithSso(await testIdp());
    await registerExtensions(org.id, [chromeExtensionId()]);
    const { challenge } = await pkcePair();
    await expectLoginRefused(org.id, extensionLoginParams(chromeExtensionId(), challenge), "extension_not_registered");
  });

  it("refuses an extension registered for another organization", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const other = await orgWithSso(idp);
    const extensionId = chromeExtensionId();
    await registerExtensions(other.id, [extensionId]);
    const { challenge } = await pkcePair();
    await expectLoginRefused(org.id, extensionLoginParams(extensionId, challenge), "extension_not_registered");
  });

  it.each([
    ["another extension's chromiumapp.org URL", (_id: string) => `https://${chromeExtensionId()}.chromiumapp.org/`],
    ["an attacker's site", () => "https://evil.example/"],
    ["a lookalike host", (id: string) => `https://${id}.chromiumapp.org.evil.example/`],
    ["userinfo before the host", (id: string) => `https://${id}.chromiumapp.org@evil.example/`],
    ["http", (id: string) => `http://${id}.chromiumapp.org/`],
    ["a port", (id: string) => `https://${id}.chromiumapp.org:8443/`],
    ["a fragment", (id: string) => `https://${id}.chromiumapp.org/#x`],
    ["a query", (id: string) => `https://${id}.chromiumapp.org/?code=planted`],
    ["a backslash", (id: string) => `https://${id}.chromiumapp.org/\\evil.example`],
    ["a non-canonical path", (id: string) => `https://${id}.chromiumapp.org/a/../b`],
  ])("refuses a redirect_uri with %s", async (_name, redirect) => {
    const org = await orgWithSso(await testIdp());
    const extensionId = chromeExtensionId();
    await registerExtensions(org.id, [extensionId]);
    const { challenge } = await pkcePair();
    await expectLoginRefused(org.id, extensionLoginParams(extensionId, challenge, { redirect_uri: redirect(extensionId) }), "extension_login_invalid");
  });

  it.each([
    ["the plain method", { code_challenge_method: "plain" }],
    ["no method", { code_challenge_method: "" }],
    ["a challenge that is not a SHA-256 digest", { code_challenge: "short" }],
    ["RelayState mixed in", { RelayState: "/x" }],
  ])("refuses %s", async (_name, overrides) => {
    const org = await orgWithSso(await testIdp());
    const extensionId = chromeExtensionId();
    await registerExtensions(org.id, [extensionId]);
    const { challenge } = await pkcePair();
    await expectLoginRefused(org.id, extensionLoginParams(extensionId, challenge, overrides), "extension_login_invalid");
  });

  it.each([
    ["another add-on's hash", (id: string) => `https://${sha1Hex(`${id}x`)}.extensions.allizom.org/auth`],
    ["Chrome's host for a Firefox ID", (id: string) => `https://${id}.chromiumapp.org/auth`],
    ["the bare hash host", () => `https://extensions.allizom.org/auth`],
    ["a port on the right host", (id: string) => `https://${sha1Hex(id)}.extensions.allizom.org:8443/auth`],
  ])("refuses, for a registered Firefox add-on, a redirect to %s", async (_name, redirectFor) => {
    const org = await orgWithSso(await testIdp());
    const addonId = "companion@example.com";
    await registerExtensions(org.id, [addonId]);
    const { challenge } = await pkcePair();
    await expectLoginRefused(
      org.id,
      { extension: addonId, redirect_uri: redirectFor(addonId), code_challenge: challenge, code_challenge_method: "S256" },
      "extension_login_invalid",
    );
  });
});

describe("ACS: codes only for solicited extension logins", () => {
  it("an IdP-initiated response never yields a code (cookie session on our origin instead)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    await registerExtensions(org.id, [chromeExtensionId()]);
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org)));
    expect(response.status).toBe(303);
    expect(sessionCookie(response)).toBeDefined();
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(new URL(org.acsUrl).origin);
    expect(location.searchParams.has("code")).toBe(false);
  });

  it("the pending extension login is spent with its AuthnRequest: a second response to it is refused", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const extensionId = chromeExtensionId();
    await registerExtensions(org.id, [extensionId]);
    const { challenge } = await pkcePair();
    const requestId = await startExtensionLogin(org.id, extensionLoginParams(extensionId, challenge));
    await codeFromRedirect(await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId }))), redirectUriFor(extensionId));
    const again = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId })));
    expect(again.status).toBe(401);
    expect(again.headers.get("location")).toBeNull();
    expect(await errorCode(again)).toBe("saml_in_response_to_unknown");
  });
});

describe("POST /api/extension/token: one use, PKCE-bound, short-lived", () => {
  it("a code works once: the second exchange is refused", async () => {
    const issued = await issuedCode();
    const body = { orgId: issued.org.id, code: issued.code, code_verifier: issued.verifier, redirect_uri: issued.redirectUri };
    expect((await exchange(body)).status).toBe(200);
    await expectCodeRefused(await exchange(body));
  });

  it("a wrong verifier is refused and spends the code (the right one no longer works)", async () => {
    const issued = await issuedCode();
    const wrong = await pkcePair();
    const body = { orgId: issued.org.id, code: issued.code, redirect_uri: issued.redirectUri };
    await expectCodeRefused(await exchange({ ...body, code_verifier: wrong.verifier }));
    await expectCodeRefused(await exchange({ ...body, code_verifier: issued.verifier }));
  });

  it("a different redirect_uri is refused", async () => {
    const issued = await issuedCode();
    await expectCodeRefused(
      await exchange({ orgId: issued.org.id, code: issued.code, code_verifier: issued.verifier, redirect_uri: `${issued.redirectUri}x` }),
    );
  });

  it("the code is refused at another organization", async () => {
    const issued = await issuedCode();
    const other = await orgWithSso(issued.idp);
    await expectCodeRefused(await exchange({ orgId: other.id, code: issued.code, code_verifier: issued.verifier, redirect_uri: issued.redirectUri }));
  });

  it("an expired code is refused (60 s)", async () => {
    const issued = await issuedCode();
    const later = workerAt(Date.now() + EXTENSION_CODE_TTL_MS + 1000);
    const response = await later("/api/extension/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orgId: issued.org.id, code: issued.code, code_verifier: issued.verifier, redirect_uri: issued.redirectUri }),
    });
    await expectCodeRefused(response);
  });

  it("a made-up code is refused", async () => {
    const issued = await issuedCode();
    await expectCodeRefused(await exchange({ orgId: issued.org.id, code: "A".repeat(43), code_verifier: issued.verifier, redirect_uri: issued.redirectUri }));
  });
});

describe("bearer sessions: same revocation as cookie sessions", () => {
  async function bearerFor(email: string) {
    const issued = await issuedCode(email);
    const response = await exchange({ orgId: issued.org.id, code: issued.code, code_verifier: issued.verifier, redirect_uri: issued.redirectUri });
    expect(response.status).toBe(200);
    return { ...issued, ...((await response.json()) as ExtensionTokenResponse) };
  }

  it("disabling the user ends the bearer session at once", async () => {
    const session = await bearerFor("bea@example.com");
    const bearer = { authorization: `Bearer ${session.token}` };
    expect((await api("/api/me", { headers: bearer })).status).toBe(200);
    const users = ((await (await api(`/api/orgs/${session.org.id}/users`, { headers: BOOTSTRAP })).json()) as { users: { id: string; email: string }[] }).users;
    const user = users.find((u) => u.email === "bea@example.com")!;
    expect((await api(`/api/orgs/${session.org.id}/users/${user.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { disabled: true } })).status).toBe(200);
    const after = await api("/api/me", { headers: bearer });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe("session_expired");
  });

  it("a forged or altered bearer token is refused", async () => {
    const session = await bearerFor("eve@example.com");
    const altered = session.token.slice(0, -1) + (session.token.endsWith("A") ? "B" : "A");
    const response = await api("/api/me", { headers: { authorization: `Bearer ${altered}` } });
    expect(response.status).toBe(401);
  });

  it("the bearer token's secret is not accepted as a session cookie", async () => {
    const session = await bearerFor("cy@example.com");
    const secret = session.token.slice(`poc_s_${session.org.id}_`.length);
    const response = await api("/api/me", { headers: { cookie: `__Host-poc_session=${session.org.id}.${secret}` } });
    expect(response.status).toBe(401);
  });
});
