import { DurableObject } from "cloudflare:workers";
import type { AuditEntry, NewAuditEntry } from "../../../shared/audit";
import type { ApiKeyView } from "../../../shared/api-keys";
import type { CachedPersona } from "../../../shared/persona";
import type { Role } from "../../../shared/roles";
import type { User } from "../../../shared/users";
import { secretsEqual } from "../auth/secrets-compare";

/**
 * One instance per organization (`idFromName(orgId)`), SQLite-backed: everything that must be strongly
 * consistent. KV is eventually consistent for up to a minute across locations, so a replay cache or a
 * revocation kept there could be beaten by posting the same assertion, or using a revoked session, in another
 * location; a Durable Object is a single, serialised writer.
 *
 * Methods are called over RPC and return plain data; failures that callers branch on come back as
 * `{ ok: false, code }` because class identity does not survive RPC.
 */
export class OrgStore extends DurableObject {
  private readonly sql: SqlStorage;
  /**
   * The Persona half of user contexts, by Okta user ID, for {@link PERSONA_CACHE_TTL_MS}: repeated page views must
   * not spend the environment's 300 requests/min. In memory only (never persisted: it is a copy of Persona's
   * data, lost harmlessly when the instance is evicted); one instance per organization, so every isolate sees the
   * same entries and an invalidation takes effect everywhere at once.
   */
  private readonly personaCache = new Map<string, { value: CachedPersona; expiresAtMs: number }>();
  /** Bumped by every invalidation: a lookup that started before one must not store what it fetched. */
  private personaEpoch = 0;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  /** Marks the organization as created; false when it already existed (IDs are claimed exactly once). */
  claim(nowMs: number): boolean {
    const existing = this.sql.exec("SELECT value FROM meta WHERE key = 'created_at'").toArray();
    if (existing.length > 0) return false;
    this.sql.exec("INSERT INTO meta (key, value) VALUES ('created_at', ?)", String(nowMs));
    return true;
  }

  /** Remembers an AuthnRequest ID we issued, so that exactly one response may answer it, before it expires. */
  rememberAuthnRequest(id: string, expiresAtMs: number, nowMs: number, extension?: PendingExtensionLogin): void {
    this.prune(nowMs);
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("INSERT INTO authn_requests (id, expires_at) VALUES (?, ?)", id, expiresAtMs);
      if (extension) {
        this.sql.exec(
          "INSERT INTO extension_logins (request_id, extension_id, redirect_uri, code_challenge, expires_at) VALUES (?, ?, ?, ?, ?)",
          id,
          extension.extensionId,
          extension.redirectUri,
          extension.codeChallenge,
          expiresAtMs,
        );
      }
    });
  }

  /**
   * The stateful end of the ACS, in one transaction so that a rejected response writes nothing: the
   * InResponseTo must be a request this organization issued, unexpired and unused (SAML.md step 7); the
   * Assertion ID must never have been seen (step 9, kept until the assertion could no longer be valid); then the
   * user is provisioned or updated (JIT) and a session starts. When the request was started by a registered
   * extension, no cookie session starts: a one-time code (stored hashed) is issued for that extension instead.
   * An IdP-initiated response (no InResponseTo) can never produce a code.
   */
  completeLogin(input: CompleteLoginInput): CompleteLoginResult {
    this.prune(input.nowMs);
    try {
      return this.ctx.storage.transactionSync(() => {
        let extension: Record<string, SqlStorageValue> | undefined;
        if (input.inResponseTo !== undefined) {
          const request = this.sql.exec("SELECT expires_at FROM authn_requests WHERE id = ?", input.inResponseTo).toArray()[0];
          if (!request || Number(request.expires_at) <= input.nowMs) throw new LoginRefused("saml_in_response_to_unknown");
          this.sql.exec("DELETE FROM authn_requests WHERE id = ?", input.inResponseTo);
          extension = this.sql.exec("SELECT * FROM extension_logins WHERE request_id = ?", input.inResponseTo).toArray()[0];
          this.sql.exec("DELETE FROM extension_logins WHERE request_id = ?", input.inResponseTo);
        }
        const seen = this.sql.exec("SELECT 1 FROM consumed_assertions WHERE id = ?", input.assertionId).toArray();
        if (seen.length > 0) throw new LoginRefused("saml_replayed");
        this.sql.exec("INSERT INTO consumed_assertions (id, expires_at) VALUES (?, ?)", input.assertionId, input.replayUntilMs);

        const user = this.provisionOnLogin(input);
        if (extension) {
          this.sql.exec(
            `INSERT INTO extension_codes (code_hash, user_id, extension_id, redirect_uri, code_challenge, session_expires_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
            input.extensionCodeHash,
            user.id,
            extension.extension_id,
            extension.redirect_uri,
            extension.code_challenge,
            input.sessionExpiresAtMs,
            input.nowMs + input.extensionCodeTtlMs,
          );
          return { ok: true as const, user, extension: { extensionId: String(extension.extension_id), redirectUri: String(extension.redirect_uri) } };
        }
        this.sql.exec(
          "INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at) VALUES (?, ?, 'cookie', ?, ?)",
          input.sessionTokenHash,
          user.id,
          input.nowMs,
          input.sessionExpiresAtMs,
        );
        return { ok: true as const, user, extension: null };
      });
    } catch (error) {
      if (error instanceof LoginRefused) return { ok: false, code: error.code };
      throw error;
    }
  }

  /**
   * Exchanges a one-time extension code, once: the code is deleted whatever the outcome (a wrong verifier burns
   * it). The PKCE challenge (compared in constant time), the redirect URI and the expiry must match, and the user
   * must still be enabled; then a bearer session starts, with the expiry the cookie session would have had.
   */
  redeemExtensionCode(input: {
    codeHash: string;
    verifierChallenge: string;
    redirectUri: string;
    sessionTokenHash: string;
    nowMs: number;
  }): { ok: true; user: User; expiresAtMs: number } | { ok: false; reason: string } {
    return this.ctx.storage.transactionSync(() => {
      const row = this.sql.exec("SELECT * FROM extension_codes WHERE code_hash = ?", input.codeHash).toArray()[0];
      if (!row) return { ok: false as const, reason: "unknown or already used" };
      this.sql.exec("DELETE FROM extension_codes WHERE code_hash = ?", input.codeHash);
      if (Number(row.expires_at) <= input.nowMs) return { ok: false as const, reason: "expired" };
      if (!secretsEqual(input.verifierChallenge, String(row.code_challenge))) return { ok: false as const, reason: "code_verifier mismatch" };
      if (input.redirectUri !== String(row.redirect_uri)) return { ok: false as const, reason: "redirect_uri mismatch" };
      const expiresAtMs = Number(row.session_expires_at);
      if (expiresAtMs <= input.nowMs) return { ok: false as const, reason: "session lifetime over" };
      const userRow = this.sql.exec("SELECT * FROM users WHERE id = ? AND disabled = 0", row.user_id).toArray()[0];
      if (!userRow) return { ok: false as const, reason: "user disabled" };
      this.sql.exec(
        "INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at) VALUES (?, ?, 'bearer', ?, ?)",
        input.sessionTokenHash,
        row.user_id,
        input.nowMs,
        expiresAtMs,
      );
      return { ok: true as const, user: toUser(userRow), expiresAtMs };
    });
  }

  /**
   * The live session for a token hash, with its (enabled) user; null when unknown, expired or disabled. A cookie
   * token is never accepted as a bearer token or the other way round.
   */
  getSession(tokenHash: string, nowMs: number, kind: "cookie" | "bearer" = "cookie"): { user: User; expiresAtMs: number } | null {
    const row = this.sql
      .exec(
        `SELECT s.expires_at AS session_expires_at, u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.kind = ? AND s.expires_at > ? AND u.disabled = 0`,
        tokenHash,
        kind,
        nowMs,
      )
      .toArray()[0];
    return row ? { user: toUser(row), expiresAtMs: Number(row.session_expires_at) } : null;
  }

  endSession(tokenHash: string): void {
    this.sql.exec("DELETE FROM sessions WHERE token_hash = ?", tokenHash);
  }

  listUsers(): User[] {
    return this.sql.exec("SELECT * FROM users ORDER BY email").toArray().map(toUser);
  }

  /** Pre-provisions a user with a role an admin chose (kept across sign-ins). */
  createUser(email: string, role: Role, nowMs: number): { ok: true; user: User } | { ok: false; code: "user_exists" } {
    if (this.findUserByEmail(email)) return { ok: false, code: "user_exists" };
    return { ok: true, user: this.insertUser(email, role, "admin", nowMs, null) };
  }

  /** Changes a role (it becomes admin-set) or disables a user; disabling ends their sessions at once. */
  updateUser(id: string, patch: { role?: Role; disabled?: boolean }, nowMs: number): User | null {
    return this.ctx.storage.transactionSync(() => {
      const current = this.sql.exec("SELECT * FROM users WHERE id = ?", id).toArray()[0];
      if (!current) return null;
      if (patch.role !== undefined) {
        this.sql.exec("UPDATE users SET role = ?, role_source = 'admin', updated_at = ? WHERE id = ?", patch.role, nowMs, id);
      }
      if (patch.disabled !== undefined) {
        this.sql.exec("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", patch.disabled ? 1 : 0, nowMs, id);
        if (patch.disabled) {
          this.sql.exec("DELETE FROM sessions WHERE user_id = ?", id);
          this.sql.exec("DELETE FROM extension_codes WHERE user_id = ?", id);
        }
      }
      return toUser(this.sql.exec("SELECT * FROM users WHERE id = ?", id).toArray()[0]!);
    });
  }

  /** The organization's own log (why a sign-in failed, in detail): what admins read instead of the terse browser page. */
  log(entry: { event: string; code?: string; message: string; details?: Record<string, unknown> }, nowMs: number): void {
    this.sql.exec(
      "INSERT INTO org_log (at, event, code, message, details) VALUES (?, ?, ?, ?, ?)",
      nowMs,
      entry.event,
      entry.code ?? null,
      entry.message,
      JSON.stringify(entry.details ?? {}),
    );
    this.sql.exec("DELETE FROM org_log WHERE id <= (SELECT MAX(id) FROM org_log) - ?", LOG_LIMIT);
  }

  listLog(limit: number, beforeId?: number): LogEntry[] {
    return this.sql
      .exec("SELECT * FROM org_log WHERE id < ? ORDER BY id DESC LIMIT ?", beforeId ?? Number.MAX_SAFE_INTEGER, limit)
      .toArray()
      .map((row) => ({
        id: Number(row.id),
        at: new Date(Number(row.at)).toISOString(),
        event: String(row.event),
        code: row.code === null ? null : String(row.code),
        message: String(row.message),
        detailsJson: String(row.details),
      }));
  }

  /** Stores an org API key by its hash only: the key itself is shown once, to its creator, and never kept. */
  createApiKey(input: { name: string; role: Role; hash: string; prefix: string; createdBy: string }, nowMs: number): ApiKeyView {
    const id = `key_${randomId()}`;
    this.sql.exec(
      "INSERT INTO api_keys (id, name, role, hash, prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      id,
      input.name,
      input.role,
      input.hash,
      input.prefix,
      nowMs,
      input.createdBy,
    );
    return this.listApiKeys().find((key) => key.id === id)!;
  }

  listApiKeys(): ApiKeyView[] {
    return this.sql
      .exec("SELECT * FROM api_keys ORDER BY created_at DESC")
      .toArray()
      .map((row) => ({
        id: String(row.id),
        name: String(row.name),
        role: String(row.role) as Role,
        prefix: String(row.prefix),
        createdAt: iso(Number(row.created_at)),
        createdBy: String(row.created_by),
        lastUsedAt: row.last_used_at === null ? null : iso(Number(row.last_used_at)),
        revokedAt: row.revoked_at === null ? null : iso(Number(row.revoked_at)),
      }));
  }

  /** Revocation takes effect on the next request, everywhere: the key is looked up here on every use. */
  revokeApiKey(id: string, nowMs: number): boolean {
    const result = this.sql.exec("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", nowMs, id);
    return result.rowsWritten > 0;
  }

  /** The live key with this hash, or null (unknown or revoked). */
  resolveApiKey(hash: string, nowMs: number): { id: string; name: string; role: Role } | null {
    const row = this.sql.exec("SELECT id, name, role FROM api_keys WHERE hash = ? AND revoked_at IS NULL", hash).toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE api_keys SET last_used_at = ? WHERE id = ?", nowMs, row.id);
    return { id: String(row.id), name: String(row.name), role: String(row.role) as Role };
  }

  /** True the first time an event ID is seen: Persona retries and may deliver twice (de-duplicated for 7 days). */
  recordWebhookEvent(eventId: string, nowMs: number): boolean {
    this.sql.exec("DELETE FROM webhook_events WHERE received_at < ?", nowMs - WEBHOOK_EVENT_RETENTION_MS);
    if (this.sql.exec("SELECT 1 FROM webhook_events WHERE id = ?", eventId).toArray().length > 0) return false;
    this.sql.exec("INSERT INTO webhook_events (id, received_at) VALUES (?, ?)", eventId, nowMs);
    return true;
  }

  /**
   * Lets a rule act on a user for an event only if no event at least as recent was applied by that rule to that
   * user: deliveries arrive out of order, and an old "Declined" must not undo what a newer event decided.
   */
  claimRuleApplication(ruleId: string, targetUserId: string, eventAtMs: number): boolean {
    const row = this.sql.exec("SELECT event_at FROM rule_applications WHERE rule_id = ? AND target = ?", ruleId, targetUserId).toArray()[0];
    if (row && Number(row.event_at) >= eventAtMs) return false;
    this.sql.exec(
      "INSERT INTO rule_applications (rule_id, target, event_at) VALUES (?, ?, ?) ON CONFLICT (rule_id, target) DO UPDATE SET event_at = excluded.event_at",
      ruleId,
      targetUserId,
      eventAtMs,
    );
    return true;
  }

  /** Records one attempted action (audit is append-only: there is no method to edit or delete an entry). */
  audit(entry: NewAuditEntry, nowMs: number): void {
    this.sql.exec(
      `INSERT INTO audit (at, actor_kind, actor_id, actor_label, role, action, target_user_id, credential_id, result, status, error_code, okta_error_code, okta_request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      nowMs,
      entry.actor.kind,
      entry.actor.id,
      entry.actor.label,
      entry.role,
      entry.action,
      entry.targetUserId,
      entry.credentialId,
      entry.result,
      entry.status,
      entry.errorCode,
      entry.oktaErrorCode,
      entry.oktaRequestId,
    );
  }

  /** Newest first; optionally only the entries about one Okta user; `before` pages by entry ID. */
  listAudit(query: { userId?: string | undefined; limit: number; before?: number | undefined }): AuditEntry[] {
    const rows =
      query.userId === undefined
        ? this.sql.exec("SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?", query.before ?? Number.MAX_SAFE_INTEGER, query.limit)
        : this.sql.exec(
            "SELECT * FROM audit WHERE target_user_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
            query.userId,
            query.before ?? Number.MAX_SAFE_INTEGER,
            query.limit,
          );
    return rows.toArray().map((row) => ({
      id: Number(row.id),
      at: iso(Number(row.at)),
      actor: { kind: String(row.actor_kind) as AuditEntry["actor"]["kind"], id: String(row.actor_id), label: String(row.actor_label) },
      role: row.role === null ? null : (String(row.role) as Role),
      action: String(row.action),
      targetUserId: nullableString(row.target_user_id),
      credentialId: nullableString(row.credential_id),
      result: String(row.result) as AuditEntry["result"],
      status: Number(row.status),
      errorCode: nullableString(row.error_code),
      oktaErrorCode: nullableString(row.okta_error_code),
      oktaRequestId: nullableString(row.okta_request_id),
    }));
  }

  /** A fresh cached Persona half for this Okta user, or null; `epoch` goes back to {@link putPersonaContext}. */
  getPersonaContext(oktaUserId: string, nowMs: number): { value: CachedPersona | null; epoch: number } {
    const entry = this.personaCache.get(oktaUserId);
    if (entry && entry.expiresAtMs <= nowMs) this.personaCache.delete(oktaUserId);
    return { value: entry && entry.expiresAtMs > nowMs ? entry.value : null, epoch: this.personaEpoch };
  }

  /**
   * Stores what a lookup fetched, unless an invalidation happened since it read `epoch` (an action on the user
   * while Persona was being asked: the answer may predate it). The oldest entries go first beyond the bound.
   */
  putPersonaContext(oktaUserId: string, epoch: number, value: CachedPersona, nowMs: number): boolean {
    if (epoch !== this.personaEpoch) return false;
    this.personaCache.delete(oktaUserId);
    this.personaCache.set(oktaUserId, { value, expiresAtMs: nowMs + PERSONA_CACHE_TTL_MS });
    for (const [key, entry] of this.personaCache) {
      if (this.personaCache.size <= PERSONA_CACHE_MAX_ENTRIES && entry.expiresAtMs > nowMs) break;
      this.personaCache.delete(key);
    }
    return true;
  }

  /** Forgets one user's cached Persona half (after an action on them), or every user's (the connection changed). */
  invalidatePersonaContext(oktaUserId?: string): void {
    this.personaEpoch++;
    if (oktaUserId === undefined) this.personaCache.clear();
    else this.personaCache.delete(oktaUserId);
  }

  private provisionOnLogin(input: CompleteLoginInput): User {
    const existing = this.findUserByEmail(input.email);
    if (!existing) {
      const source = input.mappedRole ? "mapping" : "jit";
      return this.insertUser(input.email, input.mappedRole ?? input.defaultRole, source, input.nowMs, input.nowMs);
    }
    if (existing.disabled) throw new LoginRefused("user_disabled");
    let role = existing.role;
    let source = existing.roleSource;
    // An admin's choice is kept; otherwise a configured mapping decides at every sign-in (so removing someone
    // from the Okta group takes effect at their next sign-in), falling back to the default role.
    if (existing.roleSource !== "admin" && input.mappingConfigured) {
      role = input.mappedRole ?? input.defaultRole;
      source = input.mappedRole ? "mapping" : "jit";
    }
    this.sql.exec(
      "UPDATE users SET role = ?, role_source = ?, last_login_at = ?, updated_at = ? WHERE id = ?",
      role,
      source,
      input.nowMs,
      input.nowMs,
      existing.id,
    );
    return { ...existing, role, roleSource: source, lastLoginAt: iso(input.nowMs), updatedAt: iso(input.nowMs) };
  }

  private findUserByEmail(email: string): User | null {
    const row = this.sql.exec("SELECT * FROM users WHERE email = ?", email).toArray()[0];
    return row ? toUser(row) : null;
  }

  private insertUser(email: string, role: Role, source: User["roleSource"], nowMs: number, lastLoginMs: number | null): User {
    const id = `usr_${randomId()}`;
    this.sql.exec(
      "INSERT INTO users (id, email, role, role_source, disabled, created_at, updated_at, last_login_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)",
      id,
      email,
      role,
      source,
      nowMs,
      nowMs,
      lastLoginMs,
    );
    return toUser(this.sql.exec("SELECT * FROM users WHERE id = ?", id).toArray()[0]!);
  }

  private prune(nowMs: number): void {
    this.sql.exec("DELETE FROM authn_requests WHERE expires_at <= ?", nowMs);
    this.sql.exec("DELETE FROM consumed_assertions WHERE expires_at <= ?", nowMs);
    this.sql.exec("DELETE FROM sessions WHERE expires_at <= ?", nowMs);
    this.sql.exec("DELETE FROM extension_logins WHERE expires_at <= ?", nowMs);
    this.sql.exec("DELETE FROM extension_codes WHERE expires_at <= ?", nowMs);
  }
}

export type CompleteLoginInput = {
  nowMs: number;
  assertionId: string;
  replayUntilMs: number;
  inResponseTo: string | undefined;
  email: string;
  defaultRole: Role;
  mappingConfigured: boolean;
  mappedRole: Role | undefined;
  sessionTokenHash: string;
  sessionExpiresAtMs: number;
  /** Used only when the request was started by an extension: the hash of the one-time code to issue. */
  extensionCodeHash: string;
  extensionCodeTtlMs: number;
};

/** An extension login waiting for the IdP's answer (kept with its AuthnRequest ID, for the same TTL). */
export type PendingExtensionLogin = { extensionId: string; redirectUri: string; codeChallenge: string };

export type CompleteLoginResult =
  | { ok: true; user: User; extension: { extensionId: string; redirectUri: string } | null }
  | { ok: false; code: "saml_in_response_to_unknown" | "saml_replayed" | "user_disabled" };

export type LogEntry = {
  id: number;
  at: string;
  event: string;
  code: string | null;
  message: string;
  /** JSON object text: RPC types cannot carry `unknown`, so the route parses it. */
  detailsJson: string;
};

const LOG_LIMIT = 1000;

/** How long a Persona half is reused: short, since cases move; an action on the user forgets it at once. */
export const PERSONA_CACHE_TTL_MS = 60_000;
const PERSONA_CACHE_MAX_ENTRIES = 500;
const WEBHOOK_EVENT_RETENTION_MS = 7 * 24 * 3600_000;

class LoginRefused extends Error {
  constructor(readonly code: "saml_in_response_to_unknown" | "saml_replayed" | "user_disabled") {
    super(code);
  }
}

const SCHEMA = `
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
  error_code TEXT, okta_error_code TEXT, okta_request_id TEXT
);
CREATE INDEX IF NOT EXISTS audit_target ON audit (target_user_id, id);
CREATE TABLE IF NOT EXISTS org_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL, code TEXT, message TEXT NOT NULL, details TEXT NOT NULL
);
`;

function nullableString(value: SqlStorageValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function toUser(row: Record<string, SqlStorageValue>): User {
  return {
    id: String(row.id),
    email: String(row.email),
    role: String(row.role) as Role,
    roleSource: String(row.role_source) as User["roleSource"],
    disabled: Number(row.disabled) === 1,
    createdAt: iso(Number(row.created_at)),
    updatedAt: iso(Number(row.updated_at)),
    lastLoginAt: row.last_login_at === null ? null : iso(Number(row.last_login_at)),
  };
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
