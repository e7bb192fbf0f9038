import type { CapabilityFindings } from "../../../shared/capability";
import type { StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import { type LifecycleAction, LifecycleActionSchema, type OktaAction } from "../../../shared/okta-actions";
import type { PersonaTestResult, StoredPersona, UserContext } from "../../../shared/persona";
import type { Rule } from "../../../shared/persona-rules";
import { type Role, roleAtLeast } from "../../../shared/roles";
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
import { OktaGate } from "./okta-gate";
import { PersonaGate } from "./persona-gate";

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
  nowMs: number;
};

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

  constructor(
    env: AppEnv,
    orgId: string,
    private readonly sql: SqlStorage,
    private readonly personaCache: PersonaCache,
    private readonly background: Background,
  ) {
    this.okta = new OktaGate(env, orgId, sql);
    this.persona = new PersonaGate(env, orgId);
  }

  async act(request: GateActRequest): Promise<OperationResult> {
    const caller = verifyCaller(this.sql, request.caller, request.nowMs);
    const { operation } = request;
    const result = await performAudited(
      this.ports(request.nowMs),
      { ...caller, credentialId: request.credentialId },
      operation.action,
      request.targetUserId,
      (connection) => {
        if ("refused" in operation) throw new AppError(operation.refused.code, operation.refused.message, operation.refused.details);
        return runOktaOperation(connection, operation, caller.role, this.okta.ambient());
      },
    );
    const lifecycle = LifecycleActionSchema.safeParse(operation.action);
    if (lifecycle.success && request.targetUserId !== null) this.tagCase(request.targetUserId, lifecycle.data, `okta-${lifecycle.data}-${request.requestId}`);
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
    const [oktaHalf, personaHalf] = await Promise.all([okta, persona]);
    return {
      userId,
      okta: oktaHalf.okta,
      ...(oktaHalf.oktaError ? { oktaError: oktaHalf.oktaError } : {}),
      oktaRequestId: oktaHalf.oktaRequestId,
      oktaTenant: oktaHalf.tenant,
      allowedActions: oktaHalf.allowedActions,
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

  /** After a lifecycle action, when the org asks for it: tags the user's open case, after the answer (best effort). */
  private tagCase(oktaUserId: string, action: LifecycleAction, idempotencyKey: string): void {
    const ambient = this.persona.ambient();
    this.background(
      tagNewestOpenCase({
        open: () => this.persona.open(),
        oktaUserId,
        action,
        idempotencyKey,
        ambient,
        tagged: (userId) => this.personaCache.invalidate(userId),
        failed: (failure) => appendLog(this.sql, { event: "persona_tag_failed", budget: "authenticated", ...failure }, ambient.nowMs()),
      }),
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
    const { rawUser, ...half } = await oktaUserContext({ open: () => this.okta.open(credentialId), userId, ambient: this.okta.ambient(), requestId });
    return { ...half, allowedActions: half.okta ? allowedActions(rawUser, role) : [] };
  }

  /** A "Test" answers 200 whatever it found: audited as a success, or as refused with what refused it. */
  private auditTest(caller: VerifiedCaller, action: string, credentialId: string | null, ok: boolean, errorCode: string | null, nowMs: number): void {
    const entry = { ...caller, action, targetUserId: null, credentialId, status: 200, errorCode, oktaErrorCode: null, oktaRequestId: null };
    appendAudit(this.sql, { ...entry, result: ok ? "success" : "refused" }, nowMs);
  }

  private ports(nowMs: number): ActionPorts {
    return {
      open: (credentialId) => this.okta.open(credentialId),
      audit: (entry) => appendAudit(this.sql, entry, nowMs),
      changedUser: (action, targetUserId) => forgetPersonaContextAfter((oktaUserId) => this.personaCache.invalidate(oktaUserId), action, targetUserId),
    };
  }
}
