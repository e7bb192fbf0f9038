import { describe, expect, it } from "vitest";
import { type AuditEntry, AuditPageSchema } from "../../../shared/audit";
import { createTestIdp } from "../../support/idp";
import { createCredential, ssws } from "../credentials/support";
import { api, BASE, BOOTSTRAP, createOrg, orgWithSso, provision, signIn, testIdp } from "../support/api";

/**
 * Configuration changes are audited with the actor and what changed (worker/src/http/audit-change.ts). Without it an
 * admin could swap in their own IdP, sign in as someone else, act, and swap back, and the audit would name the victim.
 */

async function auditOf(orgId: string): Promise<AuditEntry[]> {
  const response = await api(`/api/orgs/${orgId}/audit`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  return AuditPageSchema.parse(await response.json()).entries;
}

async function only(orgId: string, action: string): Promise<AuditEntry> {
  const entries = (await auditOf(orgId)).filter((entry) => entry.action === action);
  expect(entries, action).toHaveLength(1);
  return entries[0]!;
}

async function adminSession() {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  await provision(org.id, "mallory@example.com", "admin");
  // A browser's unsafe request carries our Origin (the CSRF check).
  const cookie = { cookie: await signIn(idp, org, "mallory@example.com"), origin: BASE };
  return { idp, org, cookie };
}

describe("configuration changes are audited with who did it and what changed", () => {
  it("an IdP swap names the admin who did it, the old and new issuer, and both certificates", async () => {
    const { idp, org, cookie } = await adminSession();
    const rogue = await createTestIdp();
    const swapped = await api(`/api/orgs/${org.id}/sso`, { method: "PUT", headers: cookie, json: { metadataXml: rogue.metadataXml() } });
    expect(swapped.status).toBe(200);
    const entries = (await auditOf(org.id)).filter((entry) => entry.action === "sso_update");
    // The first import (the test's set-up, by bootstrap) and the swap (by the signed-in admin).
    expect(entries.map((entry) => entry.actor.label)).toEqual(["mallory@example.com", "platform bootstrap"]);
    const swap = entries[0]!;
    expect(swap).toMatchObject({ actor: { kind: "user" }, role: "admin", targetUserId: null, result: "success", status: 200 });
    expect(swap.changes?.before?.entityId).toBe(idp.entityId);
    expect(swap.changes?.after?.entityId).toBe(rogue.entityId);
    expect(swap.changes?.before?.certificates).not.toEqual(swap.changes?.after?.certificates);
    expect(entries[1]!.changes).toEqual({ after: expect.objectContaining({ entityId: idp.entityId }) });
  });

  it("org settings, users and API keys: only the fields that changed, the subject always named", async () => {
    const { org, cookie } = await adminSession();
    expect((await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: cookie, json: { defaultRole: "admin", emailAttribute: "mail" } })).status).toBe(200);
    expect((await only(org.id, "org_update")).changes).toEqual({
      before: { defaultRole: "viewer", emailAttribute: "email" },
      after: { defaultRole: "admin", emailAttribute: "mail" },
    });

    const created = await api(`/api/orgs/${org.id}/users`, { method: "POST", headers: cookie, json: { email: "eve@example.com", role: "viewer" } });
    const eve = (await created.json()) as { id: string };
    const creations = (await auditOf(org.id)).filter((entry) => entry.action === "user_create");
    // Mallory was provisioned by the set-up (bootstrap); Eve by Mallory.
    expect(creations.map((entry) => [entry.actor.label, entry.changes?.after?.user])).toEqual([
      ["mallory@example.com", "eve@example.com"],
      ["platform bootstrap", "mallory@example.com"],
    ]);
    expect((await api(`/api/orgs/${org.id}/users/${eve.id}`, { method: "PATCH", headers: cookie, json: { role: "admin" } })).status).toBe(200);
    const promoted = await only(org.id, "user_update");
    expect(promoted.actor.label).toBe("mallory@example.com");
    expect(promoted.changes).toEqual({
      before: { user: "eve@example.com", userId: eve.id, role: "viewer" },
      after: { user: "eve@example.com", userId: eve.id, role: "admin" },
    });

    const key = await api(`/api/orgs/${org.id}/api-keys`, { method: "POST", headers: cookie, json: { name: "workflow", role: "operator" } });
    const { key: secret } = (await key.json()) as { key: string };
    const keyEntry = await only(org.id, "api_key_create");
    expect(keyEntry.changes).toEqual({ after: { name: "workflow", role: "operator" } });
    expect(JSON.stringify(await auditOf(org.id))).not.toContain(secret);
  });

  it("credentials and their keys: created, rotated and deleted, never with the token", async () => {
    const { org, cookie } = await adminSession();
    const token = ssws();
    const apiKey = await createCredential(org.id, { type: "okta_api_key", nickname: "Okta token", orgUrl: "https://acme.okta.com", token }, cookie);
    const service = await createCredential(
      org.id,
      { type: "okta_api_service", nickname: "Okta svc", orgUrl: "https://acme.okta.com", clientId: "0oaabc123" },
      cookie,
    );
    const creations = (await auditOf(org.id)).filter((entry) => entry.action === "credential_create");
    expect(creations.map((entry) => entry.credentialId).sort()).toEqual([apiKey.id, service.id].sort());
    expect(creations.find((entry) => entry.credentialId === apiKey.id)?.changes?.after).toMatchObject({
      nickname: "Okta token",
      orgUrl: "https://acme.okta.com",
    });

    const added = await api(`/api/orgs/${org.id}/credentials/${service.id}/keys`, { method: "POST", headers: cookie });
    const { kid } = (await added.json()) as { kid: string };
    const activated = await api(`/api/orgs/${org.id}/credentials/${service.id}/keys/${kid}/activate?force=true`, { method: "POST", headers: cookie });
    expect(activated.status).toBe(200);
    expect((await only(org.id, "credential_key_add")).changes?.after?.keys).toEqual(expect.arrayContaining([`${kid} RS256 next`]));
    const forced = await only(org.id, "credential_key_activate_forced");
    expect(forced).toMatchObject({ credentialId: service.id, changes: { before: { nickname: "Okta svc" }, after: { nickname: "Okta svc" } } });
    expect(forced.changes?.after?.keys).toEqual(expect.arrayContaining([`${kid} RS256 active`]));

    expect((await api(`/api/orgs/${org.id}/credentials/${apiKey.id}`, { method: "DELETE", headers: cookie })).status).toBe(204);
    expect(await only(org.id, "credential_delete")).toMatchObject({ credentialId: apiKey.id, changes: { before: { nickname: "Okta token" } } });
    const text = JSON.stringify(await auditOf(org.id));
    expect(text).not.toContain(token);
    expect(text).not.toContain("privateKey");
  });

  it("Persona connection, webhook secrets and rules: the settings and counts, never a key or a secret", async () => {
    const { org, cookie } = await adminSession();
    const personaKey = `persona_sandbox_${crypto.randomUUID()}`;
    expect((await api(`/api/orgs/${org.id}/persona`, { method: "PUT", headers: cookie, json: { apiKey: personaKey } })).status).toBe(200);
    expect((await only(org.id, "persona_key_set")).changes?.after).toMatchObject({ environment: "sandbox" });
    expect((await api(`/api/orgs/${org.id}/persona`, { method: "PATCH", headers: cookie, json: { tagCasesAfterActions: true } })).status).toBe(200);
    expect((await only(org.id, "persona_update")).changes).toEqual({ before: { tagCasesAfterActions: false }, after: { tagCasesAfterActions: true } });

    const webhookSecret = `wbhsec_${crypto.randomUUID()}`;
    expect((await api(`/api/orgs/${org.id}/persona/webhook`, { method: "PUT", headers: cookie, json: { secrets: [webhookSecret] } })).status).toBe(200);
    expect((await only(org.id, "persona_webhook_secrets_set")).changes).toEqual({ before: { secrets: 0 }, after: { secrets: 1 } });

    const rule = await api(`/api/orgs/${org.id}/persona/rules`, {
      method: "POST",
      headers: cookie,
      json: { name: "declined", event: "case.resolved", status: "Declined", action: "suspend" },
    });
    const { id: ruleId } = (await rule.json()) as { id: string };
    expect((await api(`/api/orgs/${org.id}/persona/rules/${ruleId}`, { method: "DELETE", headers: cookie })).status).toBe(204);
    expect((await only(org.id, "persona_rule_create")).changes?.after).toMatchObject({ ruleId, action: "suspend" });
    expect((await only(org.id, "persona_rule_delete")).changes?.before).toMatchObject({ ruleId, event: "case.resolved" });

    expect((await api(`/api/orgs/${org.id}/persona`, { method: "DELETE", headers: cookie })).status).toBe(204);
    expect((await only(org.id, "persona_disconnect")).changes?.before).toMatchObject({ environment: "sandbox" });
    const text = JSON.stringify(await auditOf(org.id));
    expect(text).not.toContain(personaKey.slice("persona_sandbox_".length));
    expect(text).not.toContain(webhookSecret);
  });

  it("creating an organization is audited as the platform bootstrap", async () => {
    const org = await createOrg();
    expect(await only(org.id, "org_create")).toMatchObject({
      actor: { kind: "bootstrap" },
      changes: { after: { name: `Test ${org.id}`, defaultRole: "viewer" } },
    });
  });

  it("a refused change writes no entry", async () => {
    const { org, cookie } = await adminSession();
    const refused = await api(`/api/orgs/${org.id}`, { method: "PATCH", headers: cookie, json: { defaultRole: "root" } });
    expect(refused.status).toBe(400);
    expect((await auditOf(org.id)).some((entry) => entry.action === "org_update")).toBe(false);
  });
});
