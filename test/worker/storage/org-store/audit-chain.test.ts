import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { AuditChainReportSchema, type NewAuditEntry } from "../../../../shared/audit";
import { appendAudit, listAudit, verifyAudit } from "../../../../worker/src/storage/org-store/audit";
import { CHAINED_COLUMNS, GENESIS, linkHash } from "../../../../worker/src/storage/org-store/audit-chain";
import { createSchema } from "../../../../worker/src/storage/org-store/schema";

/**
 * The audit log's hash chain (docs/audit-chain.md): whatever is changed behind appendAudit's back, straight in
 * SQL, verify names the first entry whose link no longer holds.
 */

const T0 = Date.parse("2030-01-01T00:00:00Z");

/** Runs `work` against the tables of a fresh organization's Durable Object. */
function withSql<T>(work: (sql: SqlStorage) => T): Promise<T> {
  const stub = env.ORG_STORE.get(env.ORG_STORE.idFromName(`audit-chain-${crypto.randomUUID()}`));
  return runInDurableObject(stub, (_instance, state) => work(state.storage.sql));
}

const suspend: NewAuditEntry = {
  actor: { kind: "user", id: "usr_1", label: "op@acme.test" },
  role: "operator",
  action: "suspend",
  targetUserId: "00uVictim1234567890",
  credentialId: "cred_1",
  result: "success",
  status: 200,
  errorCode: null,
  oktaErrorCode: null,
  oktaRequestId: "okta-req-1",
  recovery: { kind: "verification", verificationId: "ver_0123456789abcdef01234567", inquiryId: "inq_A1" },
};
const update: NewAuditEntry = {
  actor: { kind: "bootstrap", id: "bootstrap", label: "platform bootstrap" },
  role: null,
  action: "org_update",
  targetUserId: null,
  credentialId: null,
  result: "success",
  status: 200,
  errorCode: null,
  oktaErrorCode: null,
  oktaRequestId: null,
  changes: { before: { defaultRole: "viewer" }, after: { defaultRole: "admin" } },
};
const refused: NewAuditEntry = { ...suspend, action: "unlock", result: "refused", status: 403, errorCode: "forbidden", oktaRequestId: null };

/** Five entries, IDs 1–5, covering every column with and without a value. */
function fiveEntries(sql: SqlStorage): void {
  for (const [index, entry] of [suspend, update, refused, suspend, update].entries()) appendAudit(sql, entry, T0 + index * 1000);
}

const report = (sql: SqlStorage) => AuditChainReportSchema.parse(verifyAudit(sql));

describe("the audit hash chain", () => {
  it("an intact chain verifies; each entry links to its predecessor, the first to the genesis value, the last is the head", async () => {
    await withSql((sql) => {
      fiveEntries(sql);
      const newestFirst = listAudit(sql, { limit: 50 });
      const links = newestFirst.map((entry) => entry.chain!).reverse();
      expect(links[0]!.prev).toBe(GENESIS);
      for (let i = 1; i < links.length; i++) expect(links[i]!.prev).toBe(links[i - 1]!.hash);
      expect(new Set(links.map((link) => link.hash)).size).toBe(5);
      expect(report(sql)).toEqual({ ok: true, entries: 5, unchained: 0, head: newestFirst[0]!.chain!.hash });
    });
  });

  it("an empty log verifies, with no head", async () => {
    await withSql((sql) => expect(report(sql)).toEqual({ ok: true, entries: 0, unchained: 0, head: null }));
  });

  it("the hash covers every column of the audit table but the link itself", async () => {
    await withSql((sql) => {
      const columns = sql
        .exec("PRAGMA table_info(audit)")
        .toArray()
        .map((row) => String(row.name))
        .filter((name) => name !== "prev_hash" && name !== "hash");
      expect([...CHAINED_COLUMNS].sort()).toEqual(columns.sort());
    });
  });

  for (const column of CHAINED_COLUMNS.filter((name) => name !== "id")) {
    it(`editing ${column} of one entry in SQL breaks the chain at that entry`, async () => {
      await withSql((sql) => {
        fiveEntries(sql);
        sql.exec(`UPDATE audit SET ${column} = CASE WHEN ${column} IS NULL THEN 'x' ELSE ${column} || 'x' END WHERE id = 3`);
        expect(report(sql)).toMatchObject({ ok: false, entries: 5, firstBrokenAt: 3 });
      });
    });
  }

  it("renumbering an entry, or rewriting its own link, breaks the chain there", async () => {
    await withSql((sql) => {
      fiveEntries(sql);
      sql.exec("UPDATE audit SET id = 10 WHERE id = 5");
      expect(report(sql)).toMatchObject({ ok: false, firstBrokenAt: 10 });
    });
    await withSql((sql) => {
      fiveEntries(sql);
      // A consistent-looking hash over edited values, without the predecessors that lead to it.
      sql.exec("UPDATE audit SET action = 'retrieve' WHERE id = 2");
      const row = sql.exec("SELECT * FROM audit WHERE id = 2").one();
      sql.exec("UPDATE audit SET hash = ? WHERE id = 2", linkHash(String(row.prev_hash), row));
      expect(report(sql)).toMatchObject({ ok: false, firstBrokenAt: 3 });
    });
  });

  it("deleting an entry breaks the chain at the one after it; deleting the newest, at the first one missing", async () => {
    await withSql((sql) => {
      fiveEntries(sql);
      sql.exec("DELETE FROM audit WHERE id = 2");
      expect(report(sql)).toMatchObject({ ok: false, entries: 4, firstBrokenAt: 3 });
    });
    await withSql((sql) => {
      fiveEntries(sql);
      sql.exec("DELETE FROM audit WHERE id >= 4");
      expect(report(sql)).toMatchObject({ ok: false, entries: 3, firstBrokenAt: 4 });
      // The next append chains from the recorded head, not from the surviving entries: the gap stays visible.
      appendAudit(sql, suspend, T0 + 9000);
      expect(report(sql)).toMatchObject({ ok: false, entries: 4, firstBrokenAt: 6 });
    });
    await withSql((sql) => {
      fiveEntries(sql);
      sql.exec("DELETE FROM audit");
      expect(report(sql)).toMatchObject({ ok: false, entries: 0, firstBrokenAt: 1 });
    });
  });

  it("an entry inserted in SQL past the recorded head breaks the chain, even with a correctly computed link", async () => {
    await withSql((sql) => {
      fiveEntries(sql);
      const head = report(sql).head!;
      sql.exec(
        `INSERT INTO audit (id, at, actor_kind, actor_id, actor_label, action, result, status, prev_hash) VALUES (6, ?, 'user', 'usr_2', 'eve@acme.test', 'suspend', 'success', 200, ?)`,
        T0 + 9000,
        head,
      );
      const row = sql.exec("SELECT * FROM audit WHERE id = 6").one();
      sql.exec("UPDATE audit SET hash = ? WHERE id = 6", linkHash(head, row));
      expect(report(sql)).toMatchObject({ ok: false, entries: 6, firstBrokenAt: 6 });
    });
  });

  it("removing an entry's link inside the chain breaks it there", async () => {
    await withSql((sql) => {
      fiveEntries(sql);
      sql.exec("UPDATE audit SET prev_hash = NULL, hash = NULL WHERE id = 3");
      expect(report(sql)).toMatchObject({ ok: false, firstBrokenAt: 3 });
    });
    await withSql((sql) => {
      fiveEntries(sql);
      // Unlinking every entry makes them look older than the chain; the recorded head still names the newest.
      sql.exec("UPDATE audit SET prev_hash = NULL, hash = NULL");
      expect(report(sql)).toMatchObject({ ok: false, unchained: 5, firstBrokenAt: 5 });
    });
  });

  it("entries from before the chain (the migration adds the columns) stay unlinked and the chain starts after them", async () => {
    await withSql((sql) => {
      // The audit table as it was before the chain (and before recovery), with one entry.
      sql.exec("DROP TABLE audit");
      sql.exec(
        `CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, actor_label TEXT NOT NULL,
          role TEXT, action TEXT NOT NULL, target_user_id TEXT, credential_id TEXT, result TEXT NOT NULL, status INTEGER NOT NULL,
          error_code TEXT, okta_error_code TEXT, okta_request_id TEXT, changes TEXT)`,
      );
      sql.exec(
        `INSERT INTO audit (at, actor_kind, actor_id, actor_label, action, result, status) VALUES (?, 'user', 'usr_1', 'op@acme.test', 'retrieve', 'success', 200)`,
        T0,
      );
      createSchema(sql);
      expect(report(sql)).toEqual({ ok: true, entries: 1, unchained: 1, head: null });

      appendAudit(sql, suspend, T0 + 1000);
      appendAudit(sql, update, T0 + 2000);
      const [newest, , legacy] = listAudit(sql, { limit: 50 });
      expect(legacy!.chain).toBeNull();
      expect(report(sql)).toEqual({ ok: true, entries: 3, unchained: 1, head: newest!.chain!.hash });
      // Linked entries are protected as ever; the legacy one is not (the document says so).
      sql.exec("UPDATE audit SET status = 500 WHERE id = 2");
      expect(report(sql)).toMatchObject({ ok: false, firstBrokenAt: 2 });
    });
  });
});
