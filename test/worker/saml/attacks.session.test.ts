/**
 * docs/saml-checks.md §7, §9 and §11 end to end through the organization's Durable Object: replay, InResponseTo
 * (unknown, reused, foreign, mismatched), unsolicited responses, cross-organization posting, no partial writes,
 * disabled users, logout and CSRF on the session cookie, and RelayState open redirects.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { User } from "../../../shared/users";
import { createApp } from "../../../worker/src/app";
import { AUTHN_REQUEST_TTL_MS } from "../../../worker/src/saml/authn-request";
import { oktaId } from "../../support/idp";
import { api, BASE, BOOTSTRAP, errorCode, expectRefused, orgWithSso, postAcs, sessionCookie, startLogin, testIdp, validFor } from "../support/api";

function expectSignedIn(response: Response): string {
  expect(response.status).toBe(303);
  const cookie = sessionCookie(response);
  expect(cookie).toBeDefined();
  return cookie!;
}

/** The worker with its clock pinned at `nowMs` (same bindings and Durable Objects as SELF). */
function workerAt(nowMs: number) {
  const app = createApp(() => nowMs);
  return async (path: string, init?: RequestInit): Promise<Response> =>
    app.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init }), env, createExecutionContext());
}

async function listUsers(orgId: string): Promise<User[]> {
  const response = await api(`/api/orgs/${orgId}/users`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  return ((await response.json()) as { users: User[] }).users;
}

describe("ACS session: positive control", () => {
  it("an SP-initiated response answering our request signs in and /api/me answers", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const requestId = await startLogin(org.id);
    const cookie = expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId }))));
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(200);
  });
});

describe("docs/saml-checks.md §9: replay cache in the Durable Object", () => {
  it("refuses the same valid response posted a second time", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org));
    expectSignedIn(await postAcs(org.id, saml));
    await expectRefused(await postAcs(org.id, saml), "saml_replayed");
  });

  it("refuses a re-signed response that reuses a consumed Assertion ID", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const assertionId = oktaId();
    expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { assertionId }))));
    await expectRefused(await postAcs(org.id, await idp.samlResponse(validFor(org, { assertionId }))), "saml_replayed");
  });
});

describe("docs/saml-checks.md §7: InResponseTo", () => {
  it("refuses an InResponseTo this organization never issued", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: `_${crypto.randomUUID()}` }));
    await expectRefused(await postAcs(org.id, saml), "saml_in_response_to_unknown");
  });

  it("refuses a second, differently-IDed assertion answering an already-consumed request", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const requestId = await startLogin(org.id);
    expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId }))));
    const second = await idp.samlResponse(validFor(org, { inResponseTo: requestId, assertionId: oktaId() }));
    await expectRefused(await postAcs(org.id, second), "saml_in_response_to_unknown");
  });

  it("refuses a request ID issued by another organization (same IdP) used at this one", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const other = await orgWithSso(idp);
    const foreignRequestId = await startLogin(other.id);
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: foreignRequestId }));
    await expectRefused(await postAcs(org.id, saml), "saml_in_response_to_unknown");
    // The foreign request is still usable where it was issued.
    expectSignedIn(await postAcs(other.id, await idp.samlResponse(validFor(other, { inResponseTo: foreignRequestId }))));
  });

  it("refuses a Response whose InResponseTo differs from SubjectConfirmationData's", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const requestId = await startLogin(org.id);
    const otherRequestId = await startLogin(org.id);
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: requestId, subjectConfirmationInResponseTo: otherRequestId }));
    await expectRefused(await postAcs(org.id, saml), "saml_in_response_to_mismatch");
  });

  it("refuses a solicited Response whose SubjectConfirmationData has no InResponseTo (half unsolicited)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const requestId = await startLogin(org.id);
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: requestId, subjectConfirmationInResponseTo: null }));
    await expectRefused(await postAcs(org.id, saml), "saml_in_response_to_mismatch");
  });
});

describe("docs/saml-checks.md §7: an AuthnRequest ID expires", () => {
  async function loginAt(orgId: string, nowMs: number): Promise<string> {
    const response = await workerAt(nowMs)(`/${orgId}/login`);
    expect(response.status).toBe(302);
    const request = new URL(response.headers.get("location")!).searchParams.get("SAMLRequest")!;
    const inflated = new Blob([Uint8Array.from(atob(request), (ch) => ch.charCodeAt(0))]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return /ID="([^"]+)"/.exec(await new Response(inflated).text())![1]!;
  }

  function postAcsAt(orgId: string, nowMs: number, samlResponse: string): Promise<Response> {
    return workerAt(nowMs)(`/${orgId}/acs`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
    });
  }

  it("a response answering a request older than its lifetime is refused as unknown", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const issuedAt = Date.now();
    const requestId = await loginAt(org.id, issuedAt);
    const later = issuedAt + AUTHN_REQUEST_TTL_MS + 1_000;
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: requestId, now: new Date(later) }));
    await expectRefused(await postAcsAt(org.id, later, saml), "saml_in_response_to_unknown");
  });

  it("control: the same response shape within the request's lifetime signs in", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const issuedAt = Date.now();
    const requestId = await loginAt(org.id, issuedAt);
    const later = issuedAt + AUTHN_REQUEST_TTL_MS - 1_000;
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: requestId, now: new Date(later) }));
    expectSignedIn(await postAcsAt(org.id, later, saml));
  });
});

describe("docs/saml-checks.md §7: unsolicited (IdP-initiated) responses per organization", () => {
  it("refuses an unsolicited response when the organization disabled IdP-initiated sign-in", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { allowIdpInitiated: false });
    await expectRefused(await postAcs(org.id, await idp.samlResponse(validFor(org))), "saml_unsolicited_disabled");
  });

  it("still accepts SP-initiated sign-in where IdP-initiated is disabled", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { allowIdpInitiated: false });
    const requestId = await startLogin(org.id);
    expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId }))));
  });
});

describe("cross-organization: a response for org A posted to org B (both trust the same IdP)", () => {
  it("is refused at B's ACS (Destination names A)", async () => {
    const idp = await testIdp();
    const orgA = await orgWithSso(idp);
    const orgB = await orgWithSso(idp);
    const forA = await idp.samlResponse(validFor(orgA));
    await expectRefused(await postAcs(orgB.id, forA), "saml_destination_mismatch");
    expect(await listUsers(orgB.id)).toEqual([]);
    // ...and it was not consumed by the refusal: A still accepts it.
    expectSignedIn(await postAcs(orgA.id, forA));
  });

  it("is refused at B's ACS even when only the Audience names A", async () => {
    const idp = await testIdp();
    const orgA = await orgWithSso(idp);
    const orgB = await orgWithSso(idp);
    await expectRefused(await postAcs(orgB.id, await idp.samlResponse(validFor(orgB, { audience: orgA.audienceUri }))), "saml_audience_mismatch");
  });
});

describe("a refused response burns no state (no partial write)", () => {
  it("after a wrong-audience response, a valid response answering the same request still signs in", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const requestId = await startLogin(org.id);
    const wrong = await idp.samlResponse(validFor(org, { inResponseTo: requestId, audience: "https://other-sp.example/metadata" }));
    await expectRefused(await postAcs(org.id, wrong), "saml_audience_mismatch");
    expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId }))));
  });

  it("a replay refused inside the Durable Object does not consume the request ID it answered", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const assertionId = oktaId();
    expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { assertionId }))));
    const requestId = await startLogin(org.id);
    const replay = await idp.samlResponse(validFor(org, { assertionId, inResponseTo: requestId }));
    await expectRefused(await postAcs(org.id, replay), "saml_replayed");
    expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId }))));
  });

  it("a login refused for a disabled user consumes neither the request ID nor the Assertion ID", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const created = await api(`/api/orgs/${org.id}/users`, { method: "POST", headers: BOOTSTRAP, json: { email: "ada@example.com", role: "viewer" } });
    expect(created.status).toBe(201);
    const user = (await created.json()) as User;
    const disable = (disabled: boolean) => api(`/api/orgs/${org.id}/users/${user.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { disabled } });
    expect((await disable(true)).status).toBe(200);

    const requestId = await startLogin(org.id);
    const saml = await idp.samlResponse(validFor(org, { inResponseTo: requestId }));
    await expectRefused(await postAcs(org.id, saml), "user_disabled");
    expect((await disable(false)).status).toBe(200);
    expectSignedIn(await postAcs(org.id, saml));
  });
});

describe("disabled users", () => {
  it("disabling a user ends their live session at once and refuses their next sign-in", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const cookie = expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org))));
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(200);
    const [user] = await listUsers(org.id);
    expect(user?.email).toBe("ada@example.com");

    const patched = await api(`/api/orgs/${org.id}/users/${user!.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { disabled: true } });
    expect(patched.status).toBe(200);
    const me = await api("/api/me", { headers: { cookie } });
    expect(me.status).toBe(401);
    expect(await errorCode(me)).toBe("session_expired");

    await expectRefused(await postAcs(org.id, await idp.samlResponse(validFor(org))), "user_disabled");
  });
});

describe("session cookie: logout and CSRF", () => {
  it("POST /api/logout from our origin ends the session server-side", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const cookie = expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org))));
    const logout = await api("/api/logout", { method: "POST", headers: { cookie, origin: BASE } });
    expect(logout.status).toBe(204);
    const me = await api("/api/me", { headers: { cookie } });
    expect(me.status).toBe(401);
    expect(await errorCode(me)).toBe("session_expired");
  });

  it("a cookie-authenticated POST without Origin is refused with csrf_rejected (and does nothing)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const cookie = expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org))));
    const logout = await api("/api/logout", { method: "POST", headers: { cookie } });
    expect(logout.status).toBe(403);
    expect(await errorCode(logout)).toBe("csrf_rejected");
    expect((await api("/api/me", { headers: { cookie } })).status).toBe(200);
  });

  for (const origin of ["https://evil.example", "https://sub.companion.test", "http://companion.test", "null"]) {
    it(`a cookie-authenticated POST from foreign Origin ${origin} is refused with csrf_rejected`, async () => {
      const idp = await testIdp();
      const org = await orgWithSso(idp);
      const cookie = expectSignedIn(await postAcs(org.id, await idp.samlResponse(validFor(org))));
      const logout = await api("/api/logout", { method: "POST", headers: { cookie, origin } });
      expect(logout.status).toBe(403);
      expect(await errorCode(logout)).toBe("csrf_rejected");
      expect((await api("/api/me", { headers: { cookie } })).status).toBe(200);
    });
  }
});

describe("docs/saml-checks.md §11: RelayState is never an open redirect", () => {
  const EVIL_RELAY_STATES = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
    "/\r\nLocation: https://evil.example",
    "/%0d%0aLocation:%20https://evil.example",
    "/%2f%2fevil.example",
    "/%5cevil.example",
  ];

  for (const relayState of EVIL_RELAY_STATES) {
    it(`ACS refuses RelayState ${JSON.stringify(relayState)} and starts no session`, async () => {
      const idp = await testIdp();
      const org = await orgWithSso(idp);
      const response = await postAcs(org.id, await idp.samlResponse(validFor(org)), relayState);
      expect(response.headers.get("location")).toBeNull();
      await expectRefused(response, "saml_relay_state_invalid");
      expect(await listUsers(org.id)).toEqual([]);
    });

    it(`GET /:org/login refuses RelayState ${JSON.stringify(relayState)}`, async () => {
      const idp = await testIdp();
      const org = await orgWithSso(idp);
      const response = await api(`/${org.id}/login?RelayState=${encodeURIComponent(relayState)}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await errorCode(response)).toBe("saml_relay_state_invalid");
    });
  }

  it("honours a same-origin path (Location on our origin)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const response = await postAcs(org.id, await idp.samlResponse(validFor(org)), `/${org.id}/users?tab=disabled#top`);
    expectSignedIn(response);
    expect(response.headers.get("location")).toBe(`${BASE}/${org.id}/users?tab=disabled#top`);
  });
});
