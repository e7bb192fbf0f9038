import { describe, expect, it } from "vitest";
import { ApiKeyListSchema, CreatedApiKeySchema } from "../../../shared/api-keys";
import { AuditPageSchema } from "../../../shared/audit";
import { CapabilityReportSchema } from "../../../shared/capability";
import { RuleListSchema, RuleSchema, WebhookViewSchema } from "../../../shared/persona-rules";
import { SsoViewSchema } from "../../../shared/sso";
import { UserListSchema, UserSchema } from "../../../shared/users";
import { oktaFixture } from "../okta/support";
import { api, BOOTSTRAP, createOrg, orgWithSso, signIn, testIdp } from "../support/api";
import { exactAnswer, expectExact } from "../support/exact-schema";

const answer = exactAnswer;

const post = (json: unknown) => ({ method: "POST", headers: BOOTSTRAP, json });

describe("the exactness check itself", () => {
  it("fails on a field the schema does not know, however deep, and on a missing one", () => {
    const user = {
      id: "u1",
      email: "a@b.test",
      role: "admin",
      roleSource: "admin",
      disabled: false,
      createdAt: "2030-01-01T00:00:00.000Z",
      updatedAt: "2030-01-01T00:00:00.000Z",
      lastLoginAt: null,
    };
    expect(expectExact(UserListSchema, { users: [user] })).toEqual({ users: [user] });
    expect(() => expectExact(UserListSchema, { users: [user], total: 1 })).toThrow();
    expect(() => expectExact(UserListSchema, { users: [{ ...user, passwordHash: "x" }] })).toThrow();
    const { lastLoginAt: _dropped, ...withoutLastLogin } = user;
    expect(() => expectExact(UserListSchema, { users: [withoutLastLogin] })).toThrow();
  });
});

describe("answers match their shared schemas exactly", () => {
  it("users: list (a JIT user who signed in and a pre-provisioned one), create, update", async () => {
    const idp = await testIdp();
    const org = await orgWithSso(idp);
    await signIn(idp, org, "jit@answers.example");
    const created = await answer(await api(`/api/orgs/${org.id}/users`, post({ email: "Pre@Answers.example", role: "operator" })), 201, UserSchema);
    expect(created).toMatchObject({ email: "pre@answers.example", role: "operator", lastLoginAt: null });
    await answer(await api(`/api/orgs/${org.id}/users/${created.id}`, { method: "PATCH", headers: BOOTSTRAP, json: { disabled: true } }), 200, UserSchema);
    const list = await answer(await api(`/api/orgs/${org.id}/users`, { headers: BOOTSTRAP }), 200, UserListSchema);
    expect(list.users.map((user) => user.email)).toEqual(["jit@answers.example", "pre@answers.example"]);
    expect(list.users[0]!.lastLoginAt).not.toBeNull();
  });

  it("org API keys: create (key shown once), list with a used key and a revoked one", async () => {
    const org = await createOrg();
    const used = await answer(await api(`/api/orgs/${org.id}/api-keys`, post({ name: "workflow", role: "admin" })), 201, CreatedApiKeySchema);
    const revoked = await answer(await api(`/api/orgs/${org.id}/api-keys`, post({ name: "old", role: "viewer" })), 201, CreatedApiKeySchema);
    expect((await api(`/api/orgs/${org.id}/api-keys/${revoked.id}`, { method: "DELETE", headers: BOOTSTRAP })).status).toBe(204);
    const list = await answer(await api(`/api/orgs/${org.id}/api-keys`, { headers: { authorization: `Bearer ${used.key}` } }), 200, ApiKeyListSchema);
    expect(list.apiKeys.find((key) => key.id === used.id)!.lastUsedAt).not.toBeNull();
    expect(list.apiKeys.find((key) => key.id === revoked.id)!.revokedAt).not.toBeNull();
  });

  it("audit: a full page names the next one, the last page does not", async () => {
    const org = await createOrg();
    await api(`/api/orgs/${org.id}/api-keys`, post({ name: "one", role: "viewer" }));
    await api(`/api/orgs/${org.id}/api-keys`, post({ name: "two", role: "viewer" }));
    // org_create and the two api_key_create entries: three in all.
    const first = await answer(await api(`/api/orgs/${org.id}/audit?limit=1`, { headers: BOOTSTRAP }), 200, AuditPageSchema);
    expect(first.entries).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const rest = await answer(await api(`/api/orgs/${org.id}/audit?limit=50&before=${first.next}`, { headers: BOOTSTRAP }), 200, AuditPageSchema);
    expect(rest.entries.map((entry) => entry.action)).toEqual(["api_key_create", "org_create"]);
    expect(rest.next).toBeNull();
  });

  it("SSO: the view before and after an IdP is configured", async () => {
    const org = await createOrg();
    const before = await answer(await api(`/api/orgs/${org.id}/sso`, { headers: BOOTSTRAP }), 200, SsoViewSchema);
    expect(before.configured).toBe(false);
    const idp = await testIdp();
    const put = await answer(
      await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: BOOTSTRAP, json: { metadataXml: idp.metadataXml(), allowIdpInitiated: false } }),
      200,
      SsoViewSchema,
    );
    expect(put).toMatchObject({ configured: true, allowIdpInitiated: false });
    const after = await answer(await api(`/api/orgs/${org.id}/sso`, { headers: BOOTSTRAP }), 200, SsoViewSchema);
    expect(after).toEqual(put);
  });

  it("Persona webhook and rules: views before and after, a rule with and without a status", async () => {
    const org = await createOrg();
    const none = await answer(await api(`/api/orgs/${org.id}/persona/webhook`, { headers: BOOTSTRAP }), 200, WebhookViewSchema);
    expect(none).toMatchObject({ configured: false, secrets: 0 });
    const secrets = ["a".repeat(32), "b".repeat(32)];
    await answer(await api(`/api/orgs/${org.id}/persona/webhook`, { method: "PUT", headers: BOOTSTRAP, json: { secrets } }), 200, WebhookViewSchema);
    const set = await answer(await api(`/api/orgs/${org.id}/persona/webhook`, { headers: BOOTSTRAP }), 200, WebhookViewSchema);
    expect(set).toMatchObject({ configured: true, secrets: 2 });

    expectExact(RuleListSchema, await (await api(`/api/orgs/${org.id}/persona/rules`, { headers: BOOTSTRAP })).json());
    await answer(
      await api(`/api/orgs/${org.id}/persona/rules`, post({ name: "declined", event: "case.resolved", status: "Declined", action: "suspend" })),
      201,
      RuleSchema,
    );
    await answer(
      await api(`/api/orgs/${org.id}/persona/rules`, post({ name: "any", event: "inquiry.failed", action: "reset_factors", enabled: false })),
      201,
      RuleSchema,
    );
    const list = await answer(await api(`/api/orgs/${org.id}/persona/rules`, { headers: BOOTSTRAP }), 200, RuleListSchema);
    expect(list.rules.map((rule) => rule.name)).toEqual(["declined", "any"]);
  });

  it("credential Test: every probe usable (API Service app)", async () => {
    const okta = await oktaFixture();
    const report = await answer(
      await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}/test`, { method: "POST", headers: BOOTSTRAP }),
      200,
      CapabilityReportSchema,
    );
    expect(report).toMatchObject({ credentialId: okta.credentialId, type: "okta_api_service", ok: true });
  });

  it("credential Test: a missing scope, a missing admin-role permission and DPoP (Okta's error fields filled)", async () => {
    const okta = await oktaFixture({
      grantedScopes: ["okta.users.read", "okta.authenticators.read", "okta.logs.read"],
      adminRole: ["okta.users.read"],
      dpopRequired: true,
    });
    const report = await answer(
      await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}/test`, { method: "POST", headers: BOOTSTRAP }),
      200,
      CapabilityReportSchema,
    );
    expect(report).toMatchObject({ ok: false, dpopRequired: true, missingScopes: ["okta.users.manage"] });
    expect(report.scopes["okta.users.manage"]).toMatchObject({ granted: false });
    expect(report.operations.some((operation) => operation.oktaErrorCode !== null && operation.remedy !== null)).toBe(true);
  });

  it("credential Test: an API token (no OAuth scopes to report)", async () => {
    const okta = await oktaFixture({ type: "okta_api_key" });
    const report = await answer(
      await api(`/api/orgs/${okta.org.id}/credentials/${okta.credentialId}/test`, { method: "POST", headers: BOOTSTRAP }),
      200,
      CapabilityReportSchema,
    );
    expect(report).toMatchObject({ type: "okta_api_key", scopes: {}, missingScopes: [] });
  });
});
