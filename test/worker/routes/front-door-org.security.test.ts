/**
 * `GET /{org}/`, where a sign-in lands. A member with this organization's session sees its setup checklist; anyone
 * else (no cookie, a forged one, another organization's session) sees only the way in. The path segment is read
 * like every public organization route's: unknown or malformed IDs answer the same 404, and the sign-in link is
 * built from the stored ID, so it cannot leave our origin.
 */
import { describe, expect, it } from "vitest";
import { certificateExpiries } from "../../../worker/src/routes/org-setup-status";
import type { OrgRecord } from "../../../worker/src/storage/org-config";
import { createCredential, ssws } from "../credentials/support";
import { connectPersona, personaEnv } from "../persona/support";
import { api, BOOTSTRAP, createOrg, errorCode, orgWithSso, provision, signIn, testIdp } from "../support/api";

const PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const HTML = { accept: "text/html" };

const home = (orgId: string, cookie?: string) => api(`/${orgId}/`, { headers: { ...HTML, ...(cookie ? { cookie } : {}) } });

/** The checklist rows a page shows: `data-item` → `data-done`. */
function checklist(page: string): Record<string, string> {
  return Object.fromEntries([...page.matchAll(/data-item="([a-z-]+)" data-done="(true|false)"/g)].map((match) => [match[1]!, match[2]!]));
}

async function signedInViewer() {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  await provision(org.id, "vera@example.com", "viewer");
  return { idp, org, cookie: await signIn(idp, org, "vera@example.com") };
}

async function put(path: string, json: unknown, method = "PUT") {
  const response = await api(path, { method, headers: BOOTSTRAP, json });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
}

describe("GET /{org}/ without this organization's session", () => {
  it("shows only the sign-in link, built from the stored ID, and nothing of the setup or the name", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp, { name: "Hidden Name Industries" });
    const response = await home(org.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    const page = await response.text();
    expect(page).toContain(`<a href="/${org.id}/login?RelayState=/${org.id}/" id="sign-in">`);
    expect(page).not.toContain("Hidden Name Industries");
    expect(page).not.toContain("data-item");
  });

  it("the link starts a login that returns here: 302 to the IdP carrying RelayState /{org}/", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    const href = /href="([^"]+)" id="sign-in"/.exec(await (await home(org.id)).text())?.[1];
    const login = await api(href!);
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(idp.ssoUrl);
    expect(location.searchParams.get("RelayState")).toBe(`/${org.id}/`);
  });

  it("before SSO is configured there is no link (it would answer sso_not_configured), only what to do", async () => {
    const org = await createOrg();
    const page = await (await home(org.id)).text();
    expect(page).not.toContain('id="sign-in"');
    expect(page).toContain(`PUT /api/orgs/${org.id}/sso`);
  });

  it("a forged cookie, or another organization's session, is no session here", async () => {
    const { idp, org } = await signedInViewer();
    const other = await orgWithSso(idp);
    await provision(other.id, "otto@example.com", "admin");
    const otherCookie = await signIn(idp, other, "otto@example.com");
    for (const cookie of [otherCookie, `__Host-poc_session=${org.id}.${"A".repeat(43)}`]) {
      const page = await (await home(org.id, cookie)).text();
      expect(page).toContain('id="sign-in"');
      expect(page).not.toContain("data-item");
      expect(page).not.toContain("otto@example.com");
    }
  });

  it.each([
    ["a well-formed ID no organization has", "/no-such-org-here/"],
    ["an encoded slash (//evil.example)", "/%2Fevil.example/"],
    ["CR LF and a header", "/x%0D%0ASet-Cookie:%20a=b/"],
  ])("%s: the same 404 as every public organization route, no Location, no cookie", async (_case, path) => {
    const response = await api(path, { headers: HTML });
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await errorCode(response)).toBe("org_not_found");
  });
});

describe("GET /{org}/ for a signed-in member", () => {
  it("says who is signed in, in which organization, and what is still to set up", async () => {
    const { org, cookie } = await signedInViewer();
    const response = await home(org.id, cookie);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("vera@example.com");
    expect(page).toContain("<code>viewer</code>");
    expect(page).toContain(`Test ${org.id}`);
    expect(checklist(page)).toEqual({
      sso: "true",
      "okta-credential": "false",
      persona: "false",
      "persona-webhook": "false",
      "okta-event-hook": "false",
      verification: "false",
      rules: "false",
    });
    expect(page).toContain('data-item="idp-certificate" data-state="valid"');
    expect(page).toContain(`POST /api/orgs/${org.id}/credentials`);
    // The worker keeps no per-credential Test result: the page says so rather than guessing.
    expect(page).toMatch(/data-item="credential-test"[\s\S]*not stored by the worker/);
  });

  it("is served under the pages' policy and never cached", async () => {
    const { org, cookie } = await signedInViewer();
    const response = await home(org.id, cookie);
    expect(response.headers.get("content-security-policy")).toBe(PAGE_POLICY);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).not.toMatch(/<script|<style|\sstyle=/i);
  });

  it("a fully set-up organization: every item done, counts and environment shown, no secret on the page", async () => {
    const { org, cookie } = await signedInViewer();
    const token = ssws();
    await createCredential(org.id, { type: "okta_api_key", nickname: "Status", orgUrl: "https://acme.okta.com", token });
    const persona = await personaEnv();
    await connectPersona(org.id, persona);
    const webhookSecret = "persona-webhook-secret-0123456789";
    const hookSecret = "okta-event-hook-secret-0123456789";
    await put(`/api/orgs/${org.id}/persona/webhook`, { secrets: [webhookSecret] });
    await put(`/api/orgs/${org.id}/okta/event-hook`, { secrets: [hookSecret] });
    await put(`/api/orgs/${org.id}/verification`, { templateId: "itmpl_Status1", requiredFor: ["unlock", "reset_factors"] });
    await put(`/api/orgs/${org.id}/persona/rules`, { name: "Declined suspends", event: "case.resolved", status: "Declined", action: "suspend" }, "POST");
    await put(`/api/orgs/${org.id}/persona/rules`, { name: "Off", event: "case.resolved", action: "unlock", enabled: false }, "POST");

    const page = await (await home(org.id, cookie)).text();
    expect(Object.values(checklist(page)).every((done) => done === "true")).toBe(true);
    expect(page).toContain("1 credential (okta_api_key)");
    expect(page).toContain("connected (sandbox)");
    expect(page).toContain("2 actions wait for a Persona verification");
    expect(page).toContain("2 rules, 1 enabled");
    for (const secret of [token, persona.apiKey, webhookSecret, hookSecret]) expect(page).not.toContain(secret);
  });
});

describe("IdP certificate expiry", () => {
  const record = (notAfters: string[]) =>
    ({
      settings: {},
      idp: { certificates: notAfters.map((notAfter) => ({ notAfter })) },
    }) as unknown as OrgRecord;
  const now = Date.parse("2026-06-01T00:00:00Z");

  it("is valid, expiring within 30 days, or expired, soonest first", () => {
    expect(certificateExpiries(record(["2027-06-01T00:00:00Z", "2026-06-15T00:00:00Z", "2026-05-31T23:59:59Z"]), now)).toEqual([
      { notAfter: "2026-05-31T23:59:59Z", daysLeft: -1, state: "expired" },
      { notAfter: "2026-06-15T00:00:00Z", daysLeft: 14, state: "expiring" },
      { notAfter: "2027-06-01T00:00:00Z", daysLeft: 365, state: "valid" },
    ]);
  });

  it("an organization without SSO has none", () => {
    expect(certificateExpiries({ idp: null } as unknown as OrgRecord, now)).toEqual([]);
  });
});
