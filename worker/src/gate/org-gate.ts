import { DurableObject } from "cloudflare:workers";
import type { ApiKeyView } from "../../../shared/api-keys";
import type { AuditChainReport, AuditEntry, NewAuditEntry } from "../../../shared/audit";
import type { CapabilityFindings } from "../../../shared/capability";
import type { StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import type { EvidencePack } from "../../../shared/evidence";
import type { LogEvent } from "../../../shared/okta-log-event";
import type { PersonaTestResult, StoredPersona, UserContext } from "../../../shared/persona";
import type { Rule } from "../../../shared/persona-rules";
import type { Role } from "../../../shared/roles";
import type { ScimTokenView } from "../../../shared/scim";
import type { TimelinePage } from "../../../shared/timeline";
import type { User } from "../../../shared/users";
import type { StartedVerification, Verification, VerificationPolicy } from "../../../shared/verification";
import type { OperationResult } from "../actions/okta-operations";
import { loadEnv } from "../env";
import type { EventFacts } from "../persona/webhook-event";
import { ScimFailure } from "../scim/failure";
import { auditRefusal, runScimRead, runScimWrite, type ScimRead, type ScimReadResult, type ScimWriteRequest, type ScimWriteResult } from "../scim/store";
import * as apiKeys from "../storage/org-store/api-keys";
import * as auditLog from "../storage/org-store/audit";
import { insertAuthnRequest, type PendingExtensionLogin } from "../storage/org-store/authn-requests";
import { pruneExpired } from "../storage/org-store/expiry";
import * as extensionCodes from "../storage/org-store/extension-codes";
import { type CompleteLoginInput, type CompleteLoginResult, completeLoginSteps, LoginRefused } from "../storage/org-store/login";
import * as logoutRequests from "../storage/org-store/logout-requests";
import { claimOrg, orgClaimed } from "../storage/org-store/meta";
import * as orgLog from "../storage/org-store/org-log";
import { PersonaCache } from "../storage/org-store/persona-cache";
import { claimRuleApplication } from "../storage/org-store/rule-applications";
import { createSchema } from "../storage/org-store/schema";
import * as scimTokens from "../storage/org-store/scim-tokens";
import * as sessions from "../storage/org-store/sessions";
import * as users from "../storage/org-store/users";
import { recordWebhookEvent } from "../storage/org-store/webhook-events";
import { answer, type GateAnswer } from "./answer";
import { type GateCaller, type VerifiedCaller, verifyCaller } from "./caller";
import type { GateRpc } from "./client";
import type { GateEvidenceRequest, GateTimelineRequest } from "./investigation";
import type { HookOutcome } from "./okta-hook-events";
import { type GateActRequest, type GateContextRequest, type GateVerificationRequest, OrgActions } from "./org-actions";
import type { StartRequest } from "./recovery-gate";

export type { PendingExtensionLogin } from "../storage/org-store/authn-requests";

/** A verification start, as the edge hands it to the gate. */
export type GateVerificationStart = StartRequest & { caller: GateCaller };

/**
 * One instance per organization (`idFromName(orgId)`), SQLite-backed: everything that must be strongly
 * consistent. KV is eventually consistent for up to a minute across locations, so a replay cache or a
 * revocation kept there could be beaten by posting the same assertion, or using a revoked session, in another
 * location; a Durable Object is a single, serialised writer.
 *
 * Methods are called over RPC and return plain data; failures that callers branch on come back as
 * `{ ok: false, code }` because class identity does not survive RPC.
 *
 * This class is only the RPC surface: the SQL of each concern lives in ./org-store/*, as functions of the
 * `SqlStorage`. Every `transactionSync` stays here, so which operations are atomic can be read off this one file;
 * the modules it calls inside one are written to be called that way and say so.
 */
export class OrgStore extends DurableObject<Cloudflare.Env> implements GateRpc {
  private readonly sql: SqlStorage;
  private readonly personaCache = new PersonaCache();
  private actions: { orgId: string; actions: OrgActions } | undefined;

  constructor(ctx: DurableObjectState, env: Cloudflare.Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    createSchema(this.sql);
  }

  // --- the gate: every Okta call of the organization -----------------------------------------------------------

  /** One proxied Okta action: caller, role, credential, Okta, audit, in this one call (see OrgActions.act). */
  act(orgId: string, request: GateActRequest): Promise<GateAnswer<OperationResult>> {
    return answer(() => this.gate(orgId).act(request));
  }

  /** The matching rules of a verified, first-seen Persona event (run after the webhook was acknowledged). */
  applyRules(orgId: string, rules: Rule[], facts: EventFacts, nowMs: number): Promise<GateAnswer<void>> {
    return answer(() => this.gate(orgId).applyRules(rules, facts, nowMs));
  }

  /** The credential capability test, audited; `caller` was verified by the edge (an admin's request). */
  testCredential(
    orgId: string,
    caller: VerifiedCaller,
    credentialId: string,
    nowMs: number,
  ): Promise<GateAnswer<CapabilityFindings & { type: StoredCredential["type"] }>> {
    return answer(() => this.gate(orgId).testCredential(caller, credentialId, nowMs));
  }

  /** One user context view: the Okta and Persona halves and the recent audit, in this one call (see OrgActions.userContext). */
  userContext(orgId: string, request: GateContextRequest): Promise<GateAnswer<UserContext>> {
    return answer(() => this.gate(orgId).userContext(request));
  }

  /** The Persona connection test, audited; `caller` was verified by the edge (an admin's request). Null: not connected. */
  testPersona(orgId: string, caller: VerifiedCaller, nowMs: number): Promise<GateAnswer<PersonaTestResult | null>> {
    return answer(() => this.gate(orgId).testPersona(caller, nowMs));
  }

  /** The worker wrote the Persona connection (null: deleted it): the gate's copy follows at once, its cache is emptied. */
  personaChanged(orgId: string, record: StoredPersona | null): Promise<GateAnswer<void>> {
    return answer(async () => this.gate(orgId).personaChanged(record));
  }

  /** The worker wrote this credential (null: deleted it): the gate's copy follows at once. */
  credentialChanged(orgId: string, id: string, record: StoredCredential | null, nowMs: number): Promise<GateAnswer<void>> {
    return answer(() => this.gate(orgId).okta.credentialChanged(id, record, nowMs));
  }

  /** One page of the user's investigation timeline (see OrgActions.timeline). */
  timeline(orgId: string, request: GateTimelineRequest): Promise<GateAnswer<TimelinePage>> {
    return answer(() => this.gate(orgId).investigation.timeline(request));
  }

  /** The user's evidence pack (see Investigation.evidence). */
  evidence(orgId: string, request: GateEvidenceRequest): Promise<GateAnswer<EvidencePack>> {
    return answer(() => this.gate(orgId).investigation.evidence(request));
  }

  /** A verified Okta event hook batch (after it was acknowledged): de-duplicated, users' caches dropped, cases tagged. */
  oktaHookEvents(orgId: string, events: LogEvent[], nowMs: number): Promise<GateAnswer<HookOutcome>> {
    return answer(() => this.gate(orgId).oktaHookEvents(events, nowMs));
  }

  // --- verified recovery (docs/verified-recovery.md) -------------------------------------------------------------

  /** Starts a verification of an Okta user: the Persona inquiry and its one-time link (see RecoveryGate.start). */
  startVerification(orgId: string, request: GateVerificationStart): Promise<GateAnswer<StartedVerification>> {
    return answer(() => {
      const actions = this.gate(orgId);
      return actions.recovery.start(verifyCaller(this.sql, request.caller, request.nowMs), request);
    });
  }

  listVerifications(orgId: string, request: GateVerificationRequest): Promise<GateAnswer<Verification[]>> {
    return answer(async () => this.gate(orgId).recovery.list(verifyCaller(this.sql, request.caller, request.nowMs), request.userId, request.nowMs));
  }

  /** One verification, refreshed from Persona when no webhook moved it lately. */
  getVerification(orgId: string, request: GateVerificationRequest & { id: string }): Promise<GateAnswer<Verification>> {
    return answer(() => this.gate(orgId).recovery.get(verifyCaller(this.sql, request.caller, request.nowMs), request.userId, request.id, request.nowMs));
  }

  cancelVerification(orgId: string, request: GateVerificationRequest & { id: string }): Promise<GateAnswer<void>> {
    return answer(() => this.gate(orgId).recovery.cancel(verifyCaller(this.sql, request.caller, request.nowMs), request.userId, request.id, request.nowMs));
  }

  /** A verified, first-seen `inquiry.*` webhook (after it was acknowledged): its verification is read back from Persona. */
  inquiryChanged(orgId: string, inquiryId: string, eventName: string, nowMs: number): Promise<GateAnswer<void>> {
    return answer(async () => {
      await this.gate(orgId).recovery.refresher.inquiryChanged(inquiryId, eventName, nowMs);
    });
  }

  /** The worker wrote the verification policy (null: deleted it): the gate's copy follows at once. */
  verificationPolicyChanged(orgId: string, policy: VerificationPolicy | null): Promise<GateAnswer<void>> {
    return answer(async () => this.gate(orgId).recovery.policyChanged(policy));
  }

  /**
   * The organization's actions, created on first use. The object does not know its own name (`idFromName`), so the
   * edge names it; a call naming another organization, or one never created, is refused.
   */
  private gate(orgId: string): OrgActions {
    if (this.actions) {
      if (this.actions.orgId !== orgId) throw new Error("gate called for another organization");
      return this.actions.actions;
    }
    if (!orgClaimed(this.sql)) throw new AppError("org_not_found", "no such organization");
    this.actions = { orgId, actions: new OrgActions(loadEnv(this.env), orgId, this.sql, this.personaCache, (work) => this.ctx.waitUntil(work)) };
    return this.actions.actions;
  }

  // --- storage: sessions, users, SAML state, audit, logs ----------------------------------------------------------

  /** Marks the organization as created; false when it already existed (IDs are claimed exactly once). */
  claim(nowMs: number): boolean {
    return claimOrg(this.sql, nowMs);
  }

  /** Remembers an AuthnRequest ID we issued, so that exactly one response may answer it, before it expires. */
  rememberAuthnRequest(id: string, expiresAtMs: number, nowMs: number, extension?: PendingExtensionLogin): void {
    pruneExpired(this.sql, nowMs);
    // One transaction: an extension's login must never exist without its request, nor the request without it
    // (the response would then start a cookie session where the extension expects a code).
    this.ctx.storage.transactionSync(() => insertAuthnRequest(this.sql, id, expiresAtMs, extension));
  }

  /**
   * The stateful end of the ACS: the InResponseTo must be a request this organization issued, unexpired and
   * unused (docs/saml-checks.md §7); the Assertion ID must never have been seen (§9, kept until the assertion could
   * no longer be valid); then the user is provisioned or updated (JIT) and a session starts. When the request was
   * started by a registered extension, no cookie session starts: a one-time code (stored hashed) is issued for
   * that extension instead. An IdP-initiated response (no InResponseTo) can never produce a code.
   */
  completeLogin(input: CompleteLoginInput): CompleteLoginResult {
    pruneExpired(this.sql, input.nowMs);
    // Consume-request, record-assertion, upsert-user and create-session (or issue-code) run in ONE transaction, so
    // that a rejected response writes nothing (a refusal throws, rolling back), and two concurrent posts of one
    // response cannot both pass the checks. The refusal is caught outside the transaction, after the rollback.
    try {
      return this.ctx.storage.transactionSync(() => completeLoginSteps(this.sql, input));
    } catch (error) {
      if (error instanceof LoginRefused) return { ok: false, code: error.code };
      throw error;
    }
  }

  /**
   * Exchanges a one-time extension code, once: the code is deleted whatever the outcome (a wrong verifier burns
   * it). The PKCE challenge, the redirect URI and the expiry must match, and the user must still be enabled; then
   * a bearer session starts, with the expiry the cookie session would have had.
   */
  redeemExtensionCode(input: extensionCodes.RedeemExtensionCodeInput): extensionCodes.RedeemExtensionCodeResult {
    // One transaction: burning the code and starting the bearer session are one step (refusals return, not throw,
    // so the burn is committed even then).
    return this.ctx.storage.transactionSync(() => extensionCodes.redeemExtensionCode(this.sql, input));
  }

  /**
   * The live session for a token hash, with its (enabled) user; null when unknown, expired or disabled. A cookie
   * token is never accepted as a bearer token or the other way round.
   */
  getSession(tokenHash: string, nowMs: number, kind: "cookie" | "bearer" = "cookie"): { user: User; expiresAtMs: number } | null {
    return sessions.getSession(this.sql, tokenHash, nowMs, kind);
  }

  endSession(tokenHash: string): void {
    sessions.endSession(this.sql, tokenHash);
  }

  /** Ends a session and says how the IdP knows it (null: no session, or one without a NameID) for SP-initiated SLO. */
  endSessionForLogout(tokenHash: string): sessions.SamlSessionRef | null {
    return this.ctx.storage.transactionSync(() => sessions.endSessionForLogout(this.sql, tokenHash));
  }

  /** Remembers a LogoutRequest ID we sent, so that exactly one LogoutResponse may answer it, before it expires. */
  rememberLogoutRequest(id: string, expiresAtMs: number, nowMs: number): void {
    this.ctx.storage.transactionSync(() => logoutRequests.insertLogoutRequest(this.sql, id, expiresAtMs, nowMs));
  }

  /** Uses up a LogoutRequest ID we sent: false when unknown, already answered or expired. */
  consumeLogoutRequest(id: string, nowMs: number): boolean {
    return this.ctx.storage.transactionSync(() => logoutRequests.consumeLogoutRequest(this.sql, id, nowMs));
  }

  /**
   * IdP-initiated single logout, after every stateless check passed: the request ID must be new (a replay is
   * refused, and ends nothing), then the sessions it names end, in one transaction.
   */
  idpLogout(input: {
    requestId: string;
    replayUntilMs: number;
    nowMs: number;
    nameId: string;
    nameIdFormat: string | null;
    sessionIndexes: string[];
  }): { ok: true; ended: number } | { ok: false; code: "saml_replayed" } {
    return this.ctx.storage.transactionSync(() => {
      if (!logoutRequests.recordIdpLogoutRequest(this.sql, input.requestId, input.replayUntilMs, input.nowMs)) return { ok: false, code: "saml_replayed" };
      return { ok: true, ended: sessions.endSamlSessions(this.sql, input) };
    });
  }

  listUsers(): User[] {
    return users.listUsers(this.sql);
  }

  /** Pre-provisions a user with a role an admin chose (kept across sign-ins). */
  createUser(email: string, role: Role, nowMs: number): { ok: true; user: User } | { ok: false; code: "user_exists" } {
    return users.createUser(this.sql, email, role, nowMs);
  }

  /** Changes a role (it becomes admin-set) or disables a user; disabling ends their sessions at once. */
  updateUser(id: string, patch: { role?: Role; disabled?: boolean }, nowMs: number): { before: User; after: User } | null {
    // One transaction: no request may see the user disabled yet still holding a session or a code.
    return this.ctx.storage.transactionSync(() => {
      const change = users.updateUserRow(this.sql, id, patch, nowMs);
      if (change && patch.disabled) {
        sessions.endUserSessions(this.sql, id);
        extensionCodes.deleteUserExtensionCodes(this.sql, id);
      }
      return change;
    });
  }

  /** The organization's own log (why a sign-in failed, in detail): what admins read instead of the terse browser page. */
  log(entry: orgLog.NewLogEntry, nowMs: number): void {
    orgLog.appendLog(this.sql, entry, nowMs);
  }

  listLog(limit: number, beforeId?: number): orgLog.LogEntry[] {
    return orgLog.listLog(this.sql, limit, beforeId);
  }

  /** Stores an org API key by its hash only: the key itself is shown once, to its creator, and never kept. */
  createApiKey(input: { name: string; role: Role; hash: string; prefix: string; createdBy: string }, nowMs: number): ApiKeyView {
    return apiKeys.createApiKey(this.sql, input, nowMs);
  }

  listApiKeys(): ApiKeyView[] {
    return apiKeys.listApiKeys(this.sql);
  }

  /** Revocation takes effect on the next request, everywhere: the key is looked up here on every use. */
  revokeApiKey(id: string, nowMs: number): boolean {
    return apiKeys.revokeApiKey(this.sql, id, nowMs);
  }

  /** The live key with this hash, or null (unknown or revoked). */
  resolveApiKey(hash: string, nowMs: number): { id: string; name: string; role: Role } | null {
    return apiKeys.resolveApiKey(this.sql, hash, nowMs);
  }

  // --- SCIM provisioning (docs/scim.md) ---------------------------------------------------------------------------

  /** Stores a SCIM token by its hash only; null when the organization already has the most live tokens allowed. */
  createScimToken(hash: string, maxTokens: number, nowMs: number): ScimTokenView | null {
    return this.ctx.storage.transactionSync(() =>
      scimTokens.countScimTokens(this.sql) >= maxTokens ? null : scimTokens.createScimToken(this.sql, hash, nowMs),
    );
  }

  listScimTokens(): ScimTokenView[] {
    return scimTokens.listScimTokens(this.sql);
  }

  /** Revocation takes effect on the next request: SCIM tokens are looked up here on every use. */
  revokeScimToken(id: string): boolean {
    return scimTokens.deleteScimToken(this.sql, id);
  }

  /** The ID of the live SCIM token with this hash, or null. */
  resolveScimToken(hash: string, nowMs: number): string | null {
    return scimTokens.resolveScimToken(this.sql, hash, nowMs);
  }

  /**
   * One SCIM write and its audit entry in one transaction: a refusal (thrown) rolls every write back, and is then
   * audited on its own. Deactivation ends the user's sessions inside the same transaction.
   */
  scimWrite(request: ScimWriteRequest): ScimWriteResult {
    try {
      return { ok: true, resource: this.ctx.storage.transactionSync(() => runScimWrite(this.sql, request)) };
    } catch (error) {
      if (!(error instanceof ScimFailure)) throw error;
      auditRefusal(this.sql, request, error);
      return error.toRefusal();
    }
  }

  scimRead(read: ScimRead): ScimReadResult {
    return runScimRead(this.sql, read);
  }

  /** True the first time an event ID is seen: Persona retries and may deliver twice (de-duplicated for 7 days). */
  recordWebhookEvent(eventId: string, nowMs: number): boolean {
    return recordWebhookEvent(this.sql, eventId, nowMs);
  }

  /** False when this rule already acted on this user for an event at least as recent (deliveries arrive out of order). */
  claimRuleApplication(ruleId: string, targetUserId: string, eventAtMs: number): boolean {
    return claimRuleApplication(this.sql, ruleId, targetUserId, eventAtMs);
  }

  /** Records one attempted action (audit is append-only: there is no method to edit or delete an entry). */
  audit(entry: NewAuditEntry, nowMs: number): void {
    auditLog.appendAudit(this.sql, entry, nowMs);
  }

  /** Newest first; optionally only the entries about one Okta user; `before` pages by entry ID. */
  listAudit(query: auditLog.AuditQuery): AuditEntry[] {
    return auditLog.listAudit(this.sql, query);
  }

  /** Recomputes the audit log's hash chain in ID order: intact, or the first entry whose link fails (docs/audit-chain.md). */
  verifyAudit(): AuditChainReport {
    return auditLog.verifyAudit(this.sql);
  }
}
