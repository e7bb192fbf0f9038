import { describe, expect, it } from "vitest";
import { oktaFixture } from "../okta/support";
import { personaFixture } from "../persona/support";
import { api, BOOTSTRAP, createOrg, errorCode } from "../support/api";
import { apiServiceBody, createCredential } from "./support";

/** Each credential names the admin console its org is administered in: the overlay acts only on that console. */
describe("a credential's admin console host", () => {
  it("is derived from an Okta org URL (both location forms)", async () => {
    const org = await createOrg();
    expect((await createCredential(org.id, apiServiceBody({ orgUrl: "https://acme.okta.com" }))).adminConsoleHost).toBe("acme-admin.okta.com");
    const parts = { ...apiServiceBody(), orgUrl: undefined, subdomain: "globex", server: "oktapreview.com" };
    expect((await createCredential(org.id, parts)).adminConsoleHost).toBe("globex-admin.oktapreview.com");
  });

  it("is taken as given for an org URL it cannot be derived from (a custom domain), and null when not given", async () => {
    const org = await createOrg();
    const custom = await createCredential(org.id, apiServiceBody({ orgUrl: "https://login.acme.example", adminConsoleHost: "Acme-Admin.okta.com" }));
    expect(custom.adminConsoleHost).toBe("acme-admin.okta.com");
    expect((await createCredential(org.id, apiServiceBody({ orgUrl: "https://login.acme.example" }))).adminConsoleHost).toBeNull();
  });

  it.each([
    ["another tenant's console for an Okta org URL", { orgUrl: "https://acme.okta.com", adminConsoleHost: "evil-admin.okta.com" }, "okta_org_url_invalid"],
    ["a host that is no admin console", { orgUrl: "https://login.acme.example", adminConsoleHost: "acme.okta.com" }, "invalid_request"],
    ["a host outside Okta", { orgUrl: "https://login.acme.example", adminConsoleHost: "acme-admin.evil.example" }, "invalid_request"],
  ])("refuses %s", async (_name, extra, code) => {
    const org = await createOrg();
    const response = await api(`/api/orgs/${org.id}/credentials`, { method: "POST", headers: BOOTSTRAP, json: apiServiceBody(extra) });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe(code);
  });

  it("comes with the user context as oktaTenant, and is null when no credential opens", async () => {
    const fixture = await personaFixture();
    const context = (await (await fixture.context(fixture.users.active)).json()) as { oktaTenant: unknown };
    expect(context.oktaTenant).toEqual({ credentialId: fixture.credentialId, orgUrl: fixture.fakeOrg.orgUrl, adminConsoleHost: null });
    const bare = await createOrg();
    const none = (await (await api(`/api/orgs/${bare.id}/okta/users/${fixture.users.active}/context`, { headers: BOOTSTRAP })).json()) as {
      oktaTenant: unknown;
    };
    expect(none.oktaTenant).toBeNull();
  });

  it("a loopback org (the local fake) carries the console host it was given", async () => {
    const fixture = await oktaFixture({ type: "okta_api_key" });
    const created = await createCredential(fixture.org.id, {
      type: "okta_api_key",
      nickname: "second",
      orgUrl: fixture.fakeOrg.orgUrl,
      adminConsoleHost: "acme-admin.okta.com",
      token: `00${"b".repeat(40)}`,
    });
    const context = await api(`/api/orgs/${fixture.org.id}/okta/users/${fixture.users.active}/context?credentialId=${created.id}`, { headers: BOOTSTRAP });
    expect(((await context.json()) as { oktaTenant: { adminConsoleHost: string } }).oktaTenant.adminConsoleHost).toBe("acme-admin.okta.com");
  });
});
