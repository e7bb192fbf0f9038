/**
 * The organization's tables, created on every construction of the Durable Object (`IF NOT EXISTS` makes that a
 * no-op once they exist). Kept in one place, apart from the modules that query them, so that the whole stored
 * shape of an organization can be read at once; the wrangler.toml migration only declares the class as
 * SQLite-backed, the tables themselves are created here.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, role_source TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_login_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS authn_requests (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS authn_requests_expiry ON authn_requests (expires_at);
CREATE TABLE IF NOT EXISTS consumed_assertions (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS logout_requests (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS consumed_logout_requests (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS consumed_assertions_expiry ON consumed_assertions (expires_at);
CREATE TABLE IF NOT EXISTS extension_logins (
  request_id TEXT PRIMARY KEY, extension_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL, expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS extension_codes (
  code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, extension_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, code_challenge TEXT NOT NULL,
  session_expires_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_events (id TEXT PRIMARY KEY, received_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rule_applications (rule_id TEXT NOT NULL, target TEXT NOT NULL, event_at INTEGER NOT NULL, PRIMARY KEY (rule_id, target));
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL, created_by TEXT NOT NULL, last_used_at INTEGER, revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, actor_label TEXT NOT NULL,
  role TEXT, action TEXT NOT NULL, target_user_id TEXT, credential_id TEXT, result TEXT NOT NULL, status INTEGER NOT NULL,
  error_code TEXT, okta_error_code TEXT, okta_request_id TEXT, changes TEXT
);
CREATE INDEX IF NOT EXISTS audit_target ON audit (target_user_id, id);
CREATE TABLE IF NOT EXISTS deleted_credentials (id TEXT PRIMARY KEY, deleted_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS verifications (
  id TEXT PRIMARY KEY, okta_user_id TEXT NOT NULL, template_id TEXT NOT NULL, inquiry_id TEXT NOT NULL UNIQUE, status TEXT NOT NULL,
  inquiry_status TEXT NOT NULL, comparison TEXT NOT NULL DEFAULT '[]', created_by TEXT NOT NULL, created_at INTEGER NOT NULL,
  verified_at INTEGER, valid_until INTEGER, used_by TEXT, used_at INTEGER, used_for TEXT
);
CREATE INDEX IF NOT EXISTS verifications_user ON verifications (okta_user_id, created_at);
CREATE TABLE IF NOT EXISTS scim_tokens (id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, last_used_at INTEGER);
CREATE TABLE IF NOT EXISTS scim_groups (
  id TEXT PRIMARY KEY, display_name TEXT NOT NULL UNIQUE COLLATE NOCASE, external_id TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS scim_group_members (group_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (group_id, user_id));
CREATE INDEX IF NOT EXISTS scim_group_members_user ON scim_group_members (user_id);
CREATE TABLE IF NOT EXISTS org_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL, code TEXT, message TEXT NOT NULL, details TEXT NOT NULL,
  budget TEXT NOT NULL DEFAULT 'unauthenticated'
);
`;

/** Columns added after a table was first created: added to an existing table once, where it lacks them. */
const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; type: string }> = [
  { table: "audit", column: "changes", type: "TEXT" },
  { table: "audit", column: "recovery", type: "TEXT" },
  // The hash chain (storage/org-store/audit-chain.ts): entries written before it keep both null and stay unlinked.
  { table: "audit", column: "prev_hash", type: "TEXT" },
  { table: "audit", column: "hash", type: "TEXT" },
  // Verified recovery: the action a verification was started for, and why its inquiry cannot allow an action.
  { table: "verifications", column: "requested_for", type: "TEXT" },
  { table: "verifications", column: "mismatch", type: "TEXT" },
  { table: "verifications", column: "credential_id", type: "TEXT" },
  // Entries written before budgets existed count as unauthenticated: the budget that may be pruned first.
  { table: "org_log", column: "budget", type: "TEXT NOT NULL DEFAULT 'unauthenticated'" },
  // Single logout (docs/saml-checks.md, "Single logout"): the assertion's NameID and SessionIndex, so a LogoutRequest
  // can name the session. Null for sessions started before SLO, and for extension (bearer) sessions.
  { table: "sessions", column: "name_id", type: "TEXT" },
  { table: "sessions", column: "name_id_format", type: "TEXT" },
  { table: "sessions", column: "session_index", type: "TEXT" },
  // SCIM (docs/scim.md): how a user came to exist (null for rows from before: read from role_source), the
  // attributes Okta pushes, and the role the user's SCIM groups map to (null: none).
  { table: "users", column: "provisioned_by", type: "TEXT" },
  { table: "users", column: "external_id", type: "TEXT" },
  { table: "users", column: "given_name", type: "TEXT" },
  { table: "users", column: "family_name", type: "TEXT" },
  { table: "users", column: "formatted_name", type: "TEXT" },
  { table: "users", column: "display_name", type: "TEXT" },
  { table: "users", column: "scim_role", type: "TEXT" },
  // When SCIM deleted the user: the row stays (disabled, so the audit keeps naming someone), SCIM answers 404.
  { table: "users", column: "scim_deleted_at", type: "INTEGER" },
];

/** Indexes on added columns: created once the columns exist. */
const AFTER_MIGRATION = `CREATE INDEX IF NOT EXISTS org_log_budget ON org_log (budget, id);
CREATE INDEX IF NOT EXISTS users_external_id ON users (external_id);`;

export function createSchema(sql: SqlStorage): void {
  sql.exec(SCHEMA);
  for (const { table, column, type } of ADDED_COLUMNS) {
    const columns = sql
      .exec(`PRAGMA table_info(${table})`)
      .toArray()
      .map((row) => String(row.name));
    if (!columns.includes(column)) sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
  sql.exec(AFTER_MIGRATION);
}
