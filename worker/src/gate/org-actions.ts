import type { CapabilityFindings } from "../../../shared/capability";
import type { StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { LifecycleActionSchema, OKTA_ACTIONS, type OktaAction } from "../../../shared/okta-actions";
import type { LogEvent } from "../../../shared/okta-log-event";
import type { PersonaTestResult, StoredPersona, UserContext } from "../../../shared/persona";
import type { Rule } from "../../../shared/persona-rules";
import { type Role, roleAtLeast } from "../../../shared/roles";
import type { Recovery, RecoveryProof } from "../../../shared/verification";
import { applyRules } from "../actions/apply-rules";
import { type OktaOperation, type OperationResult, type RefusedOperation, runOktaOperation } from "../actions/okta-operations";
import { type ActionActor, type ActionPorts, performAudited } from "../actions/perform-action";
import type { AppEnv } from "../env";
import { allowedActions } from "../okta/allowed-actions";
import { testCapabilities } from "../okta/capability-test";
import { type OktaUserContext, oktaUserContext } from "../okta/user-context";
import { testPersonaConnection } from "../persona/connection-test";
import { forgetPersonaContextAfter, personaContext } from "../persona/context";
import { tagNewestOpenCase } from "../persona/tag-case";
import type { EventFacts } from "../persona/webhook-event";
import { appendAudit, listAudit } from "../storage/org-store/audit";
import { appendLog } from "../storage/org-store/org-log";
import type { PersonaCache } from "../storage/org-store/persona-cache";
import { claimRuleApplication } from "../storage/org-store/rule-applications";
import { type GateCaller, type VerifiedCaller, verifyCaller } from "./caller";
import { GroupsCache } from "./groups-cache";
import { Investigation } from "./investigation";
import { OktaGate } from "./okta-gate";
import { type HookOutcome, handleHookEvents } from "./okta-hook-events";
import { PersonaGate } from "./persona-gate";
import { type Allowance, RecoveryGate } from "./recovery-gate";

/** How many of the user's latest audit entries come with the context. */
export const RECENT_AUDIT_ENTRIES = 10;

/** The Okta half of a user context as the gate answers it: the summary, and what the caller may do now. */
export type OktaUserHalf = Omit<OktaUserContext, "rawUser"> & { allowedActions: OktaAction[] };

/** One proxied action, as the edge hands it to the organization's gate: one call, whatever it takes. */
export type GateActRequest = {
  caller: GateCaller;
  operation: OktaOperation | RefusedOperation;
  /** The Okta user the action is about (as the caller named it), for the audit; null for org-wide reads. */
  targetUserId: string | null;
  credentialId: string | undefined;
  /** The edge's request ID: the Idempotency-Key of the case tag a lifecycle action leaves derives from it. */
  requestId: string;
  /** What allows the action under the verification policy: a verification, or an admin's override reason. */
  proof: RecoveryProof;
  nowMs: number;
};

/** A verification request about one Okta user, as the edge hands it to the gate (`id`: one verification). */
export type GateVerificationRequest = { caller: GateCaller; userId: string; id?: string; nowMs: number };

/** One user context view, as the edge hands it to the gate. */
export type GateContextRequest = { caller: GateCaller; userId: string; credentialId: string | undefined; requestId: string; nowMs: number };

/** Work that goes on after the answer (the Durable Object's `waitUntil`). */
export type Background = (work: Promise<unknown>) => void;

/**
 * Everything the organization does with Okta and Persona, inside its Durable Object: check the caller against the
 * org's own sessions and keys, check the role, open the credential (cached), call Okta with the org's shared
 * tokens, rate-limit book and concurrency cap, audit, and forget (or tag) the Persona context the action made stale.
 */
export class OrgActions {
  readonly okta: OktaGate;
  readonly persona: PersonaGate;
  readonly recovery: RecoveryGate;
  readonly investigation: Investigation;
  private readonly groups: GroupsCache;

  constructor(
    env: AppEnv,
    orgId: string,
    private readonly sql: SqlStorage,
    private readonly personaCache: PersonaCache,
    private readonly background: Background,
  ) {
    this.okta = new OktaGate(env, orgId, sql);
    this.groups = new GroupsCache(sql);
    this.persona = new PersonaGate(env, orgId);
    this.recovery = new RecoveryGate(env, orgId, sql, this.okta, this.persona, (oktaUserId) => personaCache.invalidate(oktaUserId));
    this.investigation = new Investigation(orgId, sql, this.okta, this.persona, personaCache);
  }

  /**
   * One action: the role (performAudited), then the verification policy (docs/verified-recovery.md): a gated action
   * spends its verification before Okta is called and gives it back if Okta refuses or fails, so one verification
   * allows exactly one action that happened. The audit entry names the verification or the override.
   */
  async act(request: GateActRequest): Promise<OperationResult> {
    const caller = verifyCaller(this.sql, request.caller, request.nowMs);
    const { operation, targetUserId } = request;
    let allowance: Allowance = null;
    const result = await performAudited(
      this.ports(request.nowMs, () => allowance?.recovery ?? null),
      { ...caller, credentialId: request.credentialId },
      operation.action,
      targetUserId,
      async (connection) => {
        if ("refused" in operation) throw new AppError(operation.refused.code, operation.refused.message, operation.refused.details);
        allowance = await this.recovery.allow(operation.action, targetUserId, caller, request.proof, request.nowMs);
        try {
          return await runOktaOperation(connection, operation, caller.role, this.okta.ambient());
        } catch (error) {
          allowance?.release();
          throw error;
        }
      },
    );
    if (targetUserId !== null) {
      const lifecycle = LifecycleActionSchema.safeParse(operation.action);
      if (lifecycle.success) this.tagCase(targetUserId, { action: lifecycle.data }, `okta-${lifecycle.data}-${request.requestId}`);
      const recovery = (allowance as Allowance)?.recovery;
      if (recovery) this.tagCase(targetUserId, { recovery: recovery.kind, action: operation.action }, `okta-recovery-${request.requestId}`);
    }
    return result;
  }

  /**
   * Everything the overlay shows about one Okta user (viewer and up): the Okta half (always fresh) and the Persona
   * half (briefly cached) asked concurrently, each reporting its own failure; the actions the caller may take; the
   * user's latest audit entries for operators and up (null for viewers). Reading is not an action: not audited.
   */
  async userContext(request: GateContextRequest): Promise<UserContext> {
    const { role } = verifyCaller(this.sql, request.caller, request.nowMs);
    const { userId, requestId } = request;
    const okta = this.oktaUser(request.credentialId, userId, role, requestId);
    const persona = personaContext({
      open: () => this.persona.open(),
      cache: this.personaCache,
      lookups: this.persona.lookups,
      oktaUserId: userId,
      email: async () => (await okta).okta?.profile.email ?? null,
      ambient: this.persona.ambient(),
      requestId,
    });
    const [oktaHalf, personaHalf, policy] = await Promise.all([okta, persona, this.recovery.currentPolicy().catch(() => null)]);
    return {
      userId,
      okta: oktaHalf.okta,
      ...(oktaHalf.oktaError ? { oktaError: oktaHalf.oktaError } : {}),
      oktaRequestId: oktaHalf.oktaRequestId,
      oktaTenant: oktaHalf.tenant,
      allowedActions: oktaHalf.allowedActions,
      verificationRequiredFor: policy?.requiredFor ?? [],
      persona: personaHalf,
      recentAudit: roleAtLeast(role, "operator") ? listAudit(this.sql, { userId, limit: RECENT_AUDIT_ENTRIES }) : null,
    };
  }

  /** "Test": whether Persona accepts the stored key; audited as `persona_test`. Null when Persona is not connected. */
  async testPersona(caller: VerifiedCaller, nowMs: number): Promise<PersonaTestResult | null> {
    const opened = await this.persona.open();
    if (!opened) return null;
    const report = await testPersonaConnection(opened.connection, this.persona.ambient());
    this.auditTest(caller, "persona_test", null, report.ok, report.code, nowMs);
    return report;
  }

  /** The worker wrote the Persona connection (null: deleted it): used from the next call; every cached half is stale. */
  personaChanged(record: StoredPersona | null): void {
    this.persona.changed(record);
    this.personaCache.invalidate();
  }

  /** After an action: tags the user's open case, after the answer (best effort; see tagNewestOpenCase for when). */
  private tagCase(oktaUserId: string, tag: Parameters<typeof tagNewestOpenCase>[0]["tag"], idempotencyKey: string): void {
    const ambient = this.persona.ambient();
    this.background(
      tagNewestOpenCase({
        open: () => this.persona.open(),
        oktaUserId,
        tag,
        idempotencyKey,
        ambient,
        tagged: (userId) => this.personaCache.invalidate(userId),
        failed: (failure) => appendLog(this.sql, { event: "persona_tag_failed", budget: "authenticated", ...failure }, ambient.nowMs()),
      }),
    );
  }

  /** A verified Okta event hook batch, after its acknowledgement (see handleHookEvents). */
  oktaHookEvents(events: readonly LogEvent[], nowMs: number): Promise<HookOutcome> {
    return handleHookEvents(
      {
        sql: this.sql,
        clientIds: () => this.okta.clientIds(),
        forgetUser: (oktaUserId) => {
          this.personaCache.invalidate(oktaUserId);
          this.groups.forget(oktaUserId);
        },
        forgetGroups: (oktaUserId) => this.groups.forget(oktaUserId),
        delivered: () => this.groups.delivered(nowMs),
        tagCase: (oktaUserId, name, idempotencyKey) => this.tagCase(oktaUserId, { name, action: name }, idempotencyKey),
      },
      events,
      nowMs,
    );
  }

  /** The matching rules of a verified, first-seen Persona event, each as an audited automation action. */
  applyRules(rules: readonly Rule[], facts: EventFacts, nowMs: number): Promise<void> {
    return applyRules(
      {
        log: (message, details) => appendLog(this.sql, { event: "persona.rule", budget: "authenticated", message, details }, nowMs),
        claimRuleApplication: (ruleId, targetUserId, eventAtMs) => claimRuleApplication(this.sql, ruleId, targetUserId, eventAtMs),
        act: (who: ActionActor, rule: Rule, targetUserId: string) =>
          performAudited(this.ports(nowMs), who, rule.action, targetUserId, (connection) =>
            runOktaOperation(connection, { action: rule.action, userId: targetUserId, query: [] }, who.role, this.okta.ambient()),
          ),
      },
      rules,
      facts,
    );
  }

  /** "Test": what the named credential can do, operation by operation; audited as `credential_test`. */
  async testCredential(caller: VerifiedCaller, credentialId: string, nowMs: number): Promise<CapabilityFindings & { type: StoredCredential["type"] }> {
    const credential = await this.okta.credential(credentialId);
    const report = await testCapabilities(await this.okta.connect(credential), this.okta.ambient(), credential.type === "okta_api_service");
    this.auditTest(caller, "credential_test", credential.id, report.ok, null, nowMs);
    return { ...report, type: credential.type };
  }

  /** The Okta half of a user context, with the actions `role` may take now (never throws: a failure is reported inside). */
  async oktaUser(credentialId: string | undefined, userId: string, role: Role, requestId: string): Promise<OktaUserHalf> {
    const groups = {
      get: (id: string) => this.groups.get(id, Date.now()),
      put: (id: string, value: Parameters<GroupsCache["put"]>[1]) => this.groups.put(id, value, Date.now()),
    };
    const { rawUser, ...half } = await oktaUserContext({ open: () => this.okta.open(credentialId), userId, ambient: this.okta.ambient(), requestId, groups });
    return { ...half, allowedActions: half.okta ? allowedActions(rawUser, role) : [] };
  }

  /** A "Test" answers 200 whatever it found: audited as a success, or as refused with what refused it. */
  private auditTest(caller: VerifiedCaller, action: string, credentialId: string | null, ok: boolean, errorCode: string | null, nowMs: number): void {
    const entry = { ...caller, action, targetUserId: null, credentialId, status: 200, errorCode, oktaErrorCode: null, oktaRequestId: null };
    appendAudit(this.sql, { ...entry, result: ok ? "success" : "refused" }, nowMs);
  }

  /** What an action needs; `recovery` names, in its audit entry, what allowed a gated action. */
  private ports(nowMs: number, recovery: () => Recovery | null = () => null): ActionPorts {
    return {
      open: (credentialId) => this.okta.open(credentialId),
      audit: (entry) => appendAudit(this.sql, { ...entry, recovery: recovery() }, nowMs),
      changedUser: (action, targetUserId) => {
        forgetPersonaContextAfter((oktaUserId) => this.personaCache.invalidate(oktaUserId), action, targetUserId);
        // Any write may change what Okta shows of the user, their groups included.
        if (targetUserId !== null && OKTA_ACTIONS[action].method !== "GET") this.groups.forget(targetUserId);
      },
    };
  }
}
