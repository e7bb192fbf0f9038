/**
 * PATCH /api/orgs/{org}/sso (worker/src/routes/sso-config.ts): the SAML options and pinning, stored in the org record,
 * shown by GET, audited, and refused whole when the patch is malformed or the caller is not an admin.
 */
import { describe, expect, it } from "vitest";
import { AuditPageSchema } from "../../../shared/audit";
import { SsoViewSchema } from "../../../shared/sso";
import { api, BASE, BOOTSTRAP, createOrg, errorCode, orgWithSso, provision, signIn, testIdp } from "../support/api";

const ORIGIN = { origin: BASE };
const patch = (orgId: string, json: unknown, headers: Record<string, string> = BOOTSTRAP) => api(`/api/orgs/${orgId}/sso`, { method: "PATCH", headers, json });
const view = async (orgId: string) => SsoViewSchema.parse(await (await api(`/api/orgs/${orgId}/sso`, { headers: BOOTSTRAP })).json());

describe("PATCH /api/orgs/{org}/sso: SAML options and pinning", () => {
  it("every flag defaults to off, and GET shows the refresh state, keys and warnings", async () => {
    const org = await createOrg();
    const got = await view(org.id);
    expect(got.options).toEqual({ requireEncryptedAssertions: false, signAuthnRequests: false, singleLogout: false });
    expect(got.refresh).toEqual({ pinned: false, lastAt: null, lastResult: null });
    expect(got.keys).toEqual([]);
    expect(got.warnings).toEqual([]);
  });

  it("stores each flag, keeps the others, and answers what is now stored", async () => {
    const org = await orgWithSso(await testIdp());
    const first = await patch(org.id, { requireEncryptedAssertions: true, pinned: true });
    expect(first.status).toBe(200);
    const second = SsoViewSchema.parse(await (await patch(org.id, { singleLogout: true, signAuthnRequests: true })).json());
    expect(second.options).toEqual({ requireEncryptedAssertions: true, signAuthnRequests: true, singleLogout: true });
    expect(second.refresh?.pinned).toBe(true);
    await patch(org.id, { requireEncryptedAssertions: false, pinned: false });
    const got = await view(org.id);
    expect(got.options).toEqual({ requireEncryptedAssertions: false, signAuthnRequests: true, singleLogout: true });
    expect(got.refresh?.pinned).toBe(false);
    expect(got.configured).toBe(true);
  });

  it("a re-import keeps the options (the record's SSO settings survive PUT)", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    await patch(org.id, { singleLogout: true });
    await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataXml: idp.metadataXml() } });
    expect((await view(org.id)).options?.singleLogout).toBe(true);
  });

  it("is audited as sso_settings_update with what changed", async () => {
    const org = await orgWithSso(await testIdp());
    await patch(org.id, { signAuthnRequests: true });
    const audit = AuditPageSchema.parse(await (await api(`/api/orgs/${org.id}/audit`, { headers: BOOTSTRAP })).json()).entries;
    const entries = audit.filter((entry) => entry.action === "sso_settings_update");
    expect(entries).toHaveLength(1);
    expect(entries[0]!.changes).toEqual({ before: { signAuthnRequests: false }, after: { signAuthnRequests: true } });
  });

  it("an empty patch, an unknown key or a non-boolean is 400 invalid_request, and nothing is stored", async () => {
    const org = await orgWithSso(await testIdp());
    for (const body of [{}, { singleLogout: true, singleLogut: true }, { pinnned: true }, { singleLogout: "yes" }, { acceptPending: 1 }, []]) {
      const response = await patch(org.id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(response)).toBe("invalid_request");
    }
    expect((await view(org.id)).options?.singleLogout).toBe(false);
  });

  it("acceptPending without a pending change is 409 sso_change_not_pending; without an IdP 409 sso_not_configured", async () => {
    const withIdp = await orgWithSso(await testIdp());
    for (const acceptPending of [true, false]) {
      const response = await patch(withIdp.id, { acceptPending, singleLogout: true });
      expect(response.status).toBe(409);
      expect(await errorCode(response)).toBe("sso_change_not_pending");
    }
    // Refused whole: the flag beside it was not stored either.
    expect((await view(withIdp.id)).options?.singleLogout).toBe(false);
    const bare = await createOrg();
    expect(await errorCode(await patch(bare.id, { acceptPending: true }))).toBe("sso_not_configured");
  });

  it("needs an admin: a signed-in operator or viewer gets 403 forbidden and changes nothing", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    for (const role of ["viewer", "operator"] as const) {
      await provision(org.id, `${role}@example.com`, role);
      const cookie = await signIn(idp, org, `${role}@example.com`);
      const response = await patch(org.id, { singleLogout: true }, { cookie, ...ORIGIN });
      expect(response.status, role).toBe(403);
      expect(await errorCode(response)).toBe("forbidden");
    }
    await provision(org.id, "admin@example.com", "admin");
    const admin = await signIn(idp, org, "admin@example.com");
    expect((await patch(org.id, { pinned: true }, { cookie: admin, ...ORIGIN })).status).toBe(200);
    expect((await view(org.id)).options?.singleLogout).toBe(false);
  });
});
