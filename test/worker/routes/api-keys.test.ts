import { env, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../worker/src/auth/session-token";
import { type OktaFixture, oktaFixture } from "../okta/support";
import { api, BOOTSTRAP, errorCode, orgWithSso, provision, signIn } from "../support/api";

const ORIGIN = { origin: "https://companion.test" };
type Created = { id: string; name: string; role: string; prefix: string; key: string; revokedAt: string | null };
type AuditEntry = {
  action: string;
  actor: { kind: string; id: string; label: string };
  role: string;
  result: string;
  credentialId: string | null;
  errorCode: string | null;
};

describe("org API keys: shown once, stored hashed, carrying a role, scoped to one organization, revocable, audited", () => {
  let okta: OktaFixture;
  let otherOrg: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    okta = await oktaFixture();
    otherOrg = (await orgWithSso(okta.idp)).id;
    for (const role of ["viewer", "operator", "admin"] as const) {
      await provision(okta.org.id, `${role}@keys.example`, role);
      cookies[role] = await signIn(okta.idp, okta.org, `${role}@keys.example`);
    }
  });

  const admin = () => ({ cookie: cookies.admin!, ...ORIGIN });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  async function createKey(name: string, role: "viewer" | "operator" | "admin"): Promise<{ response: Response; created: Created }> {
    const response = await api(`/api/orgs/${okta.org.id}/api-keys`, { method: "POST", headers: admin(), json: { name, role } });
    expect(response.status).toBe(201);
    return { response, created: (await response.clone().json()) as Created };
  }

  async function listKeys(): Promise<{ text: string; keys: Array<Record<string, unknown>> }> {
    const response = await api(`/api/orgs/${okta.org.id}/api-keys`, { headers: admin() });
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, keys: (JSON.parse(text) as { apiKeys: Array<Record<string, unknown>> }).apiKeys };
  }

  async function audit(orgId = okta.org.id): Promise<AuditEntry[]> {
    return ((await (await api(`/api/orgs/${orgId}/audit?limit=200`, { headers: BOOTSTRAP })).json()) as { entries: AuditEntry[] }).entries;
  }

  it("an admin creates an operator key: 201, no-store, the key shown once as poc_<org>_<64 hex>; the list has only its prefix", async () => {
    const { response, created } = await createKey("persona workflow", "operator");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(created.key).toMatch(new RegExp(`^poc_${okta.org.id}_[0-9a-f]{64}$`));
    expect(created).toMatchObject({ name: "persona workflow", role: "operator", revokedAt: null });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(created.key.length - 56);

    const { text, keys } = await listKeys();
    const listed = keys.find((key) => key.id === created.id);
    expect(listed).toMatchObject({ id: created.id, prefix: created.prefix, role: "operator" });
    expect(listed).not.toHaveProperty("key");
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(created.key.slice(-64));
  });

  it("the key authenticates as an operator: reads and suspend work; update and deactivate are 403 and never reach Okta", async () => {
    const { created } = await createKey("operator automation", "operator");
    const base = `/api/orgs/${okta.org.id}/okta/users`;
    expect((await api(`${base}/${okta.users.active}`, { headers: bearer(created.key) })).status).toBe(200);
    const suspended = await api(`${base}/${okta.users.active}/lifecycle/suspend`, { method: "POST", headers: bearer(created.key) });
    expect(suspended.status).toBe(200);
    expect((await okta.fakeUser(okta.users.active)).status).toBe("SUSPENDED");

    const before = (await okta.apiRequests()).length;
    const update = await api(`${base}/${okta.users.active}`, { method: "POST", headers: bearer(created.key), json: { profile: { title: "Owned" } } });
    expect(update.status).toBe(403);
    expect(await errorCode(update)).toBe("forbidden");
    const deactivate = await api(`${base}/${okta.users.suspended}/lifecycle/deactivate`, { method: "POST", headers: bearer(created.key) });
    expect(deactivate.status).toBe(403);
    expect(await errorCode(deactivate)).toBe("forbidden");
    expect((await okta.apiRequests()).length).toBe(before);
    expect((await okta.fakeUser(okta.users.suspended)).status).toBe("SUSPENDED");

    const { keys } = await listKeys();
    expect(keys.find((key) => key.id === created.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it("audit entries name the key: actor {kind: api_key, id, label: its name}, with its role, for successes and refusals", async () => {
    const { created } = await createKey("audited automation", "operator");
    const base = `/api/orgs/${okta.org.id}/okta/users/${okta.users.locked}`;
    expect((await api(`${base}/lifecycle/unlock`, { method: "POST", headers: bearer(created.key) })).status).toBe(200);
    expect((await api(`${base}/lifecycle/deactivate`, { method: "POST", headers: bearer(created.key) })).status).toBe(403);
    const [refused, unlocked] = await audit();
    const actor = { kind: "api_key", id: created.id, label: "audited automation" };
    expect(unlocked).toMatchObject({ action: "unlock", actor, role: "operator", result: "success" });
    expect(refused).toMatchObject({ action: "deactivate", actor, role: "operator", result: "refused", errorCode: "forbidden" });
  });

  it("a key of one organization used on another → 404 org_not_found, nothing sent to Okta", async () => {
    const { created } = await createKey("tenant probe", "admin");
    const before = (await okta.apiRequests()).length;
    for (const [method, path] of [
      ["GET", `/api/orgs/${otherOrg}/okta/users/${okta.users.active}`],
      ["POST", `/api/orgs/${otherOrg}/okta/users/${okta.users.active}/lifecycle/suspend`],
      ["GET", `/api/orgs/${otherOrg}/audit`],
      ["GET", `/api/orgs/${otherOrg}/api-keys`],
    ] as const) {
      const response = await api(path, { method, headers: bearer(created.key) });
      expect(response.status, path).toBe(404);
      expect(await errorCode(response)).toBe("org_not_found");
    }
    expect((await okta.apiRequests()).length).toBe(before);
  });

  it("a key with one character changed (secret or organization part) → 401 unauthenticated", async () => {
    const { created } = await createKey("forgery target", "admin");
    const last = created.key.at(-1)!;
    const flippedSecret = `${created.key.slice(0, -1)}${last === "0" ? "1" : "0"}`;
    const middle = created.key.length - 32;
    const flippedMiddle = `${created.key.slice(0, middle)}${created.key[middle] === "a" ? "b" : "a"}${created.key.slice(middle + 1)}`;
    const otherOrgKey = created.key.replace(`poc_${okta.org.id}_`, `poc_${otherOrg}_`);
    const secret = created.key.slice(-64);
    const upperCase = `${created.key.slice(0, -64)}${secret.replace(/[a-f]/, (c) => c.toUpperCase())}`;
    for (const forged of [flippedSecret, flippedMiddle, otherOrgKey, upperCase]) {
      expect(forged).not.toBe(created.key);
      const response = await api(`/api/orgs/${okta.org.id}/okta/users/${okta.users.active}`, { headers: bearer(forged) });
      expect(response.status, forged).toBe(401);
      expect(await errorCode(response)).toBe("unauthenticated");
    }
    expect((await api(`/api/orgs/${okta.org.id}/okta/users/${okta.users.active}`, { headers: bearer(created.key) })).status).toBe(200);
  });

  it("a revoked key is refused at once (401); revoking again is 404; the list shows when it was revoked", async () => {
    const { created } = await createKey("short-lived", "operator");
    const path = `/api/orgs/${okta.org.id}/okta/users/${okta.users.active}`;
    expect((await api(path, { headers: bearer(created.key) })).status).toBe(200);
    const revoked = await api(`/api/orgs/${okta.org.id}/api-keys/${created.id}`, { method: "DELETE", headers: admin() });
    expect(revoked.status).toBe(204);
    const after = await api(path, { headers: bearer(created.key) });
    expect(after.status).toBe(401);
    expect(await errorCode(after)).toBe("unauthenticated");
    const again = await api(`/api/orgs/${okta.org.id}/api-keys/${created.id}`, { method: "DELETE", headers: admin() });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe("not_found");
    const { keys } = await listKeys();
    expect(keys.find((key) => key.id === created.id)?.revokedAt).toEqual(expect.any(String));
  });

  it("keys are stored hashed: the Durable Object's api_keys table holds the SHA-256 hash, never the key or its secret part; KV holds neither", async () => {
    const { created } = await createKey("hashed at rest", "viewer");
    const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(okta.org.id));
    const rows = await runInDurableObject(stub, (_instance, state) => state.storage.sql.exec("SELECT * FROM api_keys").toArray());
    const row = rows.find((candidate) => candidate.id === created.id);
    expect(row?.hash).toBe(hashToken(created.key));
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(created.key);
    expect(stored).not.toContain(created.key.slice(-64));
    const names = (await env.CONFIG.list()).keys.map((key) => key.name);
    for (const name of names) expect(await env.CONFIG.get(name), name).not.toContain(created.key.slice(-64));
  });

  it("creating and revoking keys is audited (api_key_create, api_key_revoke) with the admin as actor", async () => {
    const { created } = await createKey("audit me", "viewer");
    expect((await api(`/api/orgs/${okta.org.id}/api-keys/${created.id}`, { method: "DELETE", headers: admin() })).status).toBe(204);
    const [revoke, create] = await audit();
    const actor = { kind: "user", label: "admin@keys.example" };
    expect(create).toMatchObject({ action: "api_key_create", credentialId: created.id, actor, role: "admin", result: "success" });
    expect(revoke).toMatchObject({ action: "api_key_revoke", credentialId: created.id, actor, role: "admin", result: "success" });
    expect(JSON.stringify([revoke, create])).not.toContain(created.key.slice(-64));
  });

  it("viewers and operators (sessions or keys) cannot create, list or revoke keys: 403, and no key is created", async () => {
    const { created: operatorKey } = await createKey("operator key", "operator");
    const { keys: before } = await listKeys();
    for (const headers of [{ cookie: cookies.viewer!, ...ORIGIN }, { cookie: cookies.operator!, ...ORIGIN }, bearer(operatorKey.key)]) {
      const create = await api(`/api/orgs/${okta.org.id}/api-keys`, { method: "POST", headers, json: { name: "escalate", role: "admin" } });
      expect(create.status).toBe(403);
      expect(await errorCode(create)).toBe("forbidden");
      expect((await api(`/api/orgs/${okta.org.id}/api-keys`, { headers })).status).toBe(403);
      expect((await api(`/api/orgs/${okta.org.id}/api-keys/${operatorKey.id}`, { method: "DELETE", headers })).status).toBe(403);
    }
    const { keys: after } = await listKeys();
    expect(after.map((key) => [key.id, key.revokedAt])).toEqual(before.map((key) => [key.id, key.revokedAt]));
  });

  it("an API key is not a user: GET /api/me → 403 forbidden", async () => {
    const { created } = await createKey("not a user", "admin");
    const response = await api("/api/me", { headers: bearer(created.key) });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("forbidden");
  });
});
