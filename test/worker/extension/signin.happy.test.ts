import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ExtensionTokenResponse } from "../../../shared/extension";
import { api, BOOTSTRAP, errorCode, orgWithSso, postAcs, sessionCookie, startLogin, testIdp, validFor } from "../support/api";
import {
  chromeExtensionId,
  codeFromRedirect,
  exchange,
  extensionLoginParams,
  issuedCode,
  pkcePair,
  redirectUriFor,
  registerExtensions,
  startExtensionLogin,
} from "./support";

describe("extension sign-in: full flow", () => {
  it("registered ID → PKCE login → ACS hand-off page to chromiumapp.org with a code and no cookie → token → /api/me → logout → 401", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const extensionId = chromeExtensionId();
    await registerExtensions(org.id, [extensionId]);
    const settings = (await (await api(`/api/orgs/${org.id}`, { headers: BOOTSTRAP })).json()) as { extensionIds: string[] };
    expect(settings.extensionIds).toEqual([extensionId]);

    const { verifier, challenge } = await pkcePair();
    const requestId = await startExtensionLogin(org.id, extensionLoginParams(extensionId, challenge));
    const acs = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId, nameId: "ext@example.com" })));
    const code = await codeFromRedirect(acs, redirectUriFor(extensionId));

    const tokenResponse = await exchange({ orgId: org.id, code, code_verifier: verifier, redirect_uri: redirectUriFor(extensionId) });
    expect(tokenResponse.status).toBe(200);
    const body = (await tokenResponse.json()) as ExtensionTokenResponse;
    expect(body).toMatchObject({ email: "ext@example.com", role: "viewer", orgId: org.id });
    expect(body.token).toMatch(new RegExp(`^poc_s_${org.id}_[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());

    const bearer = { authorization: `Bearer ${body.token}` };
    const me = await api("/api/me", { headers: bearer });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ email: "ext@example.com", role: "viewer", orgId: org.id });

    // No Origin header: a bearer token is not ambient, so no CSRF check applies.
    expect((await api("/api/logout", { method: "POST", headers: bearer })).status).toBe(204);
    const after = await api("/api/me", { headers: bearer });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe("session_expired");
  });

  it("the plain browser login on the same organization still ends with a cookie on our origin", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    await registerExtensions(org.id, [chromeExtensionId()]);
    const requestId = await startLogin(org.id);
    const acs = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId })));
    expect(acs.status).toBe(303);
    expect(sessionCookie(acs)).toBeDefined();
    expect(new URL(acs.headers.get("location")!).origin).toBe(new URL(org.acsUrl).origin);
  });

  it("organizations created before extension IDs existed read as having none", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const settings = (await (await api(`/api/orgs/${org.id}`, { headers: BOOTSTRAP })).json()) as { extensionIds: string[] };
    expect(settings.extensionIds).toEqual([]);
  });
});

describe("extension sign-in: Firefox", () => {
  it("a registered add-on ID signs in through its extensions.allizom.org redirect URL (SHA-1 of the ID)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const addonId = "persona-okta-companion@persona-okta-companion.dev";
    await registerExtensions(org.id, [addonId]);
    // What Firefox's identity.getRedirectURL("auth") answers for this add-on ID.
    const redirectUri = `https://${createHash("sha1").update(addonId, "utf8").digest("hex")}.extensions.allizom.org/auth`;
    const { verifier, challenge } = await pkcePair();
    const requestId = await startExtensionLogin(org.id, extensionLoginParams(addonId, challenge, { redirect_uri: redirectUri }));
    const acs = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId, nameId: "fx@example.com" })));
    const code = await codeFromRedirect(acs, redirectUri);
    const tokenResponse = await exchange({ orgId: org.id, code, code_verifier: verifier, redirect_uri: redirectUri });
    expect(tokenResponse.status).toBe(200);
    expect(await tokenResponse.json()).toMatchObject({ email: "fx@example.com", orgId: org.id });
  });
});

describe("extensionIds setting", () => {
  it("accepts Chrome IDs and Firefox add-on IDs", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const ids = [chromeExtensionId(), "{12345678-9abc-def0-1234-56789abcdef0}", "companion@example.com"];
    const response = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { extensionIds: ids } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { extensionIds: string[] }).extensionIds).toEqual(ids);
  });

  it.each([
    ["a malformed ID", ["not an id"]],
    ["a Chrome-length ID with letters beyond p", ["z".repeat(32)]],
    ["a duplicate", ["a".repeat(32), "a".repeat(32)]],
    ["more than 10", Array.from({ length: 11 }, (_, i) => "abcdefghijklmnop".slice(i, i + 1).repeat(32))],
  ])("refuses %s", async (_name, extensionIds) => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const response = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { extensionIds } });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe("invalid_request");
  });

  it("only an admin may register extensions (a viewer's bearer session is refused)", async () => {
    const { org, code, verifier, redirectUri } = await issuedCode();
    const { token } = (await (await exchange({ orgId: org.id, code, code_verifier: verifier, redirect_uri: redirectUri })).json()) as ExtensionTokenResponse;
    const response = await api(`/api/orgs/${org.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}` },
      json: { extensionIds: [chromeExtensionId()] },
    });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("forbidden");
  });
});
