/**
 * Registering the first extension from a browser (routes/register-extension.tsx): the page is the sign-in link
 * for a visitor, a refusal for a non-admin, and one confirming form post for an admin, under the cookie's CSRF rule.
 */
import { describe, expect, it } from "vitest";
import { chromeExtensionId, registerExtensions } from "../extension/support";
import { api, BASE, BOOTSTRAP, errorCode, orgWithSso, postAcs, provision, sessionCookie, signIn, startLogin, testIdp, validFor } from "../support/api";

const HTML = { accept: "text/html" };
const page = (orgId: string, id: string, cookie?: string) =>
  api(`/${orgId}/extensions/register?id=${encodeURIComponent(id)}`, { headers: { ...HTML, ...(cookie ? { cookie } : {}) } });
const register = (orgId: string, id: string, headers: Record<string, string>) =>
  api(`/api/orgs/${orgId}/extension-ids`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ id }).toString(),
    redirect: "manual",
  });

async function registered(orgId: string): Promise<string[]> {
  return ((await (await api(`/api/orgs/${orgId}`, { headers: BOOTSTRAP })).json()) as { extensionIds: string[] }).extensionIds;
}

async function adminOf() {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  await provision(org.id, "ada@example.com", "admin");
  return { idp, org, cookie: await signIn(idp, org, "ada@example.com") };
}

describe("register an extension from a browser", () => {
  it("a visitor gets the sign-in link, whose sign-in comes back to this page", async () => {
    const { idp, org } = await adminOf();
    const id = chromeExtensionId();
    const response = await page(org.id, id);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).not.toContain("<form");
    const href = /href="([^"]+)" id="sign-in"/.exec(body)?.[1]?.replaceAll("&amp;", "&");
    const relayState = new URL(href!, BASE).searchParams.get("RelayState");
    expect(relayState).toBe(`/${org.id}/extensions/register?id=${id}`);
    const requestId = await startLogin(org.id, relayState!);
    const acs = await postAcs(org.id, await idp.samlResponse(validFor(org, { inResponseTo: requestId, nameId: "ada@example.com" })), relayState!);
    expect(acs.status).toBe(303);
    expect(acs.headers.get("location")).toBe(`${BASE}/${org.id}/extensions/register?id=${id}`);
    expect(sessionCookie(acs)).toBeDefined();
  });

  it("an admin confirms with a same-origin form post; the ID is added once and the page says so", async () => {
    const { org, cookie } = await adminOf();
    const id = chromeExtensionId();
    const before = await (await page(org.id, id, cookie)).text();
    expect(before).toContain(`action="/api/orgs/${org.id}/extension-ids"`);
    for (let i = 0; i < 2; i++) {
      const response = await register(org.id, id, { cookie, origin: BASE });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe(`/${org.id}/extensions/register?id=${id}`);
    }
    expect(await registered(org.id)).toEqual([id]);
    expect(await (await page(org.id, id, cookie)).text()).toContain('id="registered"');
  });

  it("refuses a cross-site or Origin-less post, a viewer and another organization's admin, writing nothing", async () => {
    const { idp, org, cookie } = await adminOf();
    const id = chromeExtensionId();
    const crossSite = await register(org.id, id, { cookie, origin: "https://evil.example" });
    expect(await errorCode(crossSite)).toBe("csrf_rejected");
    expect(await errorCode(await register(org.id, id, { cookie }))).toBe("csrf_rejected");

    await provision(org.id, "vera@example.com", "viewer");
    const viewer = await signIn(idp, org, "vera@example.com");
    const viewerPage = await page(org.id, id, viewer);
    expect(viewerPage.status).toBe(403);
    expect(await viewerPage.text()).not.toContain("<form");
    expect((await register(org.id, id, { cookie: viewer, origin: BASE })).status).toBe(403);

    const other = await adminOf();
    expect((await register(org.id, id, { cookie: other.cookie, origin: BASE })).status).toBe(404);
    expect(await (await page(org.id, id, other.cookie)).text()).toContain('id="sign-in"');
    expect(await registered(org.id)).toEqual([]);
  });

  it("refuses a malformed ID, a JSON body and an eleventh extension", async () => {
    const { org, cookie } = await adminOf();
    expect((await page(org.id, "<script>", cookie)).status).toBe(400);
    expect(await errorCode(await register(org.id, "not an id", { cookie, origin: BASE }))).toBe("invalid_request");
    const json = await api(`/api/orgs/${org.id}/extension-ids`, { method: "POST", headers: { cookie, origin: BASE }, json: { id: chromeExtensionId() } });
    expect(json.status).toBe(400);
    expect(await registered(org.id)).toEqual([]);
    const ten = Array.from({ length: 10 }, () => chromeExtensionId());
    await registerExtensions(org.id, ten);
    const eleventh = chromeExtensionId();
    expect(await (await page(org.id, eleventh, cookie)).text()).toContain('id="full"');
    expect(await errorCode(await register(org.id, eleventh, { cookie, origin: BASE }))).toBe("invalid_request");
    expect(await registered(org.id)).toEqual(ten);
  });
});
