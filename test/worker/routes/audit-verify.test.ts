import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AuditChainReportSchema, AuditPageSchema } from "../../../shared/audit";
import { api, BOOTSTRAP, errorCode, orgWithSso, provision, signIn, testIdp } from "../support/api";

/**
 * `GET /api/orgs/{org}/audit/verify` (docs/audit-chain.md): admins check that nobody edited or deleted an audit entry
 * in the Durable Object's storage; the export (`GET …/audit`) carries the links the answer's head is checked against.
 */

/** An organization with a few audited configuration changes, and an admin and an operator signed in. */
async function orgWithAudit() {
  const idp = await testIdp();
  const org = await orgWithSso(idp);
  await provision(org.id, "admin@example.com", "admin");
  await provision(org.id, "operator@example.com", "operator");
  return {
    org,
    admin: { cookie: await signIn(idp, org, "admin@example.com") },
    operator: { cookie: await signIn(idp, org, "operator@example.com") },
  };
}

async function verify(orgId: string, headers: Record<string, string>) {
  const response = await api(`/api/orgs/${orgId}/audit/verify`, { headers });
  expect(response.status).toBe(200);
  return AuditChainReportSchema.parse(await response.json());
}

async function exported(orgId: string) {
  const response = await api(`/api/orgs/${orgId}/audit?limit=200`, { headers: BOOTSTRAP });
  expect(response.status).toBe(200);
  return AuditPageSchema.parse(await response.json()).entries;
}

function tamper(orgId: string, statement: string): Promise<void> {
  const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(orgId));
  return runInDurableObject(stub, (_instance, state) => {
    state.storage.sql.exec(statement);
  });
}

describe("GET /api/orgs/{org}/audit/verify", () => {
  it("an admin sees an intact chain whose head is the newest exported entry's hash; the export carries every link", async () => {
    const { org, admin } = await orgWithAudit();
    const entries = await exported(org.id);
    expect(entries.length).toBeGreaterThanOrEqual(3); // sso_update and two user_create
    for (const [index, entry] of entries.entries()) {
      const older = entries[index + 1];
      expect(entry.chain?.prev).toBe(older ? older.chain?.hash : "0".repeat(64));
    }
    expect(await verify(org.id, admin)).toEqual({ ok: true, entries: entries.length, unchained: 0, head: entries[0]!.chain!.hash });
  });

  it("an entry edited in the Durable Object's storage is named as firstBrokenAt", async () => {
    const { org, admin } = await orgWithAudit();
    const [, middle] = await exported(org.id);
    await tamper(org.id, `UPDATE audit SET actor_label = 'someone else' WHERE id = ${middle!.id}`);
    const report = await verify(org.id, admin);
    expect(report).toMatchObject({ ok: false, firstBrokenAt: middle!.id });
  });

  it("a deleted entry breaks the chain at the entry after it", async () => {
    const { org, admin } = await orgWithAudit();
    const entries = await exported(org.id);
    const oldest = entries.at(-1)!;
    await tamper(org.id, `DELETE FROM audit WHERE id = ${oldest.id}`);
    expect(await verify(org.id, admin)).toMatchObject({ ok: false, entries: entries.length - 1, firstBrokenAt: entries.at(-2)!.id });
  });

  it("is for admins: an operator, who may read the audit, gets 403 forbidden", async () => {
    const { org, operator } = await orgWithAudit();
    expect((await api(`/api/orgs/${org.id}/audit`, { headers: operator })).status).toBe(200);
    const response = await api(`/api/orgs/${org.id}/audit/verify`, { headers: operator });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe("forbidden");
  });
});
