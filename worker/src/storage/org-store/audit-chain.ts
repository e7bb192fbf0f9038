import { createHash } from "node:crypto";
import type { AuditChainLink, AuditChainReport } from "../../../../shared/audit";
import { nullableString } from "./rows";

/**
 * The audit log's hash chain (docs/audit-chain.md). Each entry stores `prev_hash` (its predecessor's hash) and
 * `hash`, the SHA-256 of `prev_hash` and every other stored column; the newest link is also kept in `meta` as the
 * recorded head. Editing a stored field, deleting or reordering an entry, or appending one past the recorded head
 * then shows as a link that no longer verifies. An attacker who can run SQL can still rewrite the whole chain
 * consistently: only a head kept outside the worker (an export, a verify answer) detects that.
 *
 * `node:crypto` (nodejs_compat, wrangler.toml) hashes synchronously: an append runs inside the Durable Object's
 * synchronous SQL calls, where WebCrypto's async digest would need an await in the middle of the write.
 */

/** The predecessor of the first chained entry. */
export const GENESIS = "0".repeat(64);

/**
 * Every column of `audit` but the link itself, in the order the hash covers them. A column added to `audit` must
 * be added here too (test/worker/storage/org-store/audit-chain.test.ts fails until it is), with a new
 * serialization version, or it is not protected.
 */
export const CHAINED_COLUMNS = [
  "id",
  "at",
  "actor_kind",
  "actor_id",
  "actor_label",
  "role",
  "action",
  "target_user_id",
  "credential_id",
  "result",
  "status",
  "error_code",
  "okta_error_code",
  "okta_request_id",
  "changes",
  "recovery",
] as const;

/** The serialization version, hashed first: a later format cannot collide with this one. */
const VERSION = "poc-audit-chain/v1";
const HEAD_KEY = "audit_chain_head";

type Row = Record<string, SqlStorageValue>;
type Head = { id: number; hash: string };

/**
 * SHA-256 hex of the canonical form of a stored row: a JSON array of the version, `prev` and the columns' stored
 * values in {@link CHAINED_COLUMNS} order. Values are SQLite's own (integers, text, null; `changes` and `recovery`
 * as their stored JSON text), so the form is unambiguous and does not depend on key order or re-serialization.
 */
export function linkHash(prev: string, row: Row): string {
  const values = CHAINED_COLUMNS.map((column) => row[column] ?? null);
  return createHash("sha256")
    .update(JSON.stringify([VERSION, prev, ...values]))
    .digest("hex");
}

/** The stored link of a row; null for an entry written before the chain existed. */
export function storedLink(row: Row): AuditChainLink | null {
  const prev = nullableString(row.prev_hash);
  const hash = nullableString(row.hash);
  return prev === null || hash === null ? null : { prev, hash };
}

function recordedHead(sql: SqlStorage): Head | null {
  const row = sql.exec("SELECT value FROM meta WHERE key = ?", HEAD_KEY).toArray()[0];
  return row ? (JSON.parse(String(row.value)) as Head) : null;
}

/**
 * Links a row just inserted (read back as stored, so the hash covers what SQLite keeps) to the recorded head, and
 * records it as the new head. Called right after the INSERT with no await in between: the Durable Object
 * serializes appends and commits the synchronous writes together.
 */
export function linkNewRow(sql: SqlStorage, row: Row): AuditChainLink {
  const prev = recordedHead(sql)?.hash ?? GENESIS;
  const hash = linkHash(prev, row);
  sql.exec("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", prev, hash, row.id ?? null);
  sql.exec(
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    HEAD_KEY,
    JSON.stringify({ id: Number(row.id), hash } satisfies Head),
  );
  return { prev, hash };
}

/**
 * Walks every entry in ID order and recomputes every link. Entries without a link are accepted only before the
 * first linked one (written before the chain existed); after it, a missing link is a break. An entry verifies when
 * its `prev_hash` is the previous entry's hash, its `hash` is recomputed equal, and the recorded head covers it;
 * after the walk, the last hash must be the recorded head, or the newest entries were deleted.
 */
export function verifyAuditChain(sql: SqlStorage): AuditChainReport {
  const recorded = recordedHead(sql);
  let entries = 0;
  let unchained = 0;
  let chained = false;
  let head: string | null = null;
  let prev = GENESIS;
  let lastId = 0;
  let brokenAt: number | undefined;
  for (const row of sql.exec(`SELECT ${CHAINED_COLUMNS.join(", ")}, prev_hash, hash FROM audit ORDER BY id`)) {
    entries += 1;
    const id = Number(row.id);
    lastId = id;
    const hash = nullableString(row.hash);
    if (hash === null && !chained) {
      unchained += 1;
      // Unlinked entries at or past the recorded head were linked once: their links were removed.
      if (recorded !== null && id >= recorded.id) brokenAt ??= id;
      continue;
    }
    chained = true;
    if (hash !== null) head = hash;
    if (brokenAt !== undefined) continue;
    // An entry past the recorded head (or any, with no head recorded) was not appended by appendAudit.
    const covered = recorded !== null && (id < recorded.id || (id === recorded.id && hash === recorded.hash));
    if (hash === null || row.prev_hash !== prev || linkHash(prev, row) !== hash || !covered) brokenAt = id;
    else prev = hash;
  }
  if (brokenAt === undefined && recorded !== null && prev !== recorded.hash) brokenAt = lastId + 1;
  return brokenAt === undefined ? { ok: true, entries, unchained, head } : { ok: false, entries, unchained, head, firstBrokenAt: brokenAt };
}
