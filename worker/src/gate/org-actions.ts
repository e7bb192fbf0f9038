import type { CapabilityFindings } from "../../../shared/capability";
import type { StoredCredential } from "../../../shared/credentials";
import { AppError } from "../../../shared/errors";
import type { OktaAction } from "../../../shared/okta-actions";
import type { Rule } from "../../../shared/persona-rules";
import type { Role } from "../../../shared/roles";
import { applyRules } from "../actions/apply-rules";
import { type OktaOperation, type OperationResult, type RefusedOperation, runOktaOperation } from "../actions/okta-operations";
import { type ActionActor, type ActionPorts, performAudited } from "../actions/perform-action";
import type { AppEnv } from "../env";
import { allowedActions } from "../okta/allowed-actions";
import { testCapabilities } from "../okta/capability-test";
import { type OktaUserContext, oktaUserContext } from "../okta/user-context";
import { forgetPersonaContextAfter } from "../persona/context";
import type { EventFacts } from "../persona/webhook-event";
import { appendAudit } from "../storage/org-store/audit";
import { appendLog } from "../storage/org-store/org-log";
import type { PersonaCache } from "../storage/org-store/persona-cache";
import { claimRuleApplication } from "../storage/org-store/rule-applications";
import { type GateCaller, type VerifiedCaller, verifyCaller } from "./caller";
import { OktaGate } from "./okta-gate";

/** The Okta half of a user context as the gate answers it: the summary, and what the caller may do now. */
export type OktaUserHalf = Omit<OktaUserContext, "rawUser"> & { allowedActions: OktaAction[] };

/** One proxied action, as the edge hands it to the organization's gate: one call, whatever it takes. */
export type GateActRequest = {
  caller: GateCaller;
  operation: OktaOperation | RefusedOperation;
  /** The Okta user the action is about (as the caller named it), for the audit; null for org-wide reads. */
  targetUserId: string | null;
  credentialId: string | undefined;
  nowMs: number;
};

/**
 * Everything the organization does with Okta, inside its Durable Object: check the caller against the org's own
 * sessions and keys, check the role, open the credential (cached), call Okta with the org's shared tokens,
 * rate-limit book and concurrency cap, audit, and forget the Persona context the action made stale.
 */
export class OrgActions {
  readonly okta: OktaGate;

  constructor(
    env: AppEnv,
    orgId: string,
    private readonly sql: SqlStorage,
    private readonly personaCache: PersonaCache,
  ) {
    this.okta = new OktaGate(env, orgId, sql);
  }

  act(request: GateActRequest): Promise<OperationResult> {
    const caller = verifyCaller(this.sql, request.caller, request.nowMs);
    const { operation } = request;
    return performAudited(
      this.ports(request.nowMs),
      { ...caller, credentialId: request.credentialId },
      operation.action,
      request.targetUserId,
      (connection) => {
        if ("refused" in operation) throw new AppError(operation.refused.code, operation.refused.message, operation.refused.details);
        return runOktaOperation(connection, operation, caller.role, this.okta.ambient());
      },
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
    appendAudit(
      this.sql,
      {
        ...caller,
        action: "credential_test",
        targetUserId: null,
        credentialId: credential.id,
        result: report.ok ? "success" : "refused",
        status: 200,
        errorCode: null,
        oktaErrorCode: null,
        oktaRequestId: null,
      },
      nowMs,
    );
    return { ...report, type: credential.type };
  }

  /** The Okta half of a user context, with the actions `role` may take now (never throws: a failure is reported inside). */
  async oktaUser(credentialId: string | undefined, userId: string, role: Role, requestId: string): Promise<OktaUserHalf> {
    const { rawUser, ...half } = await oktaUserContext({ open: () => this.okta.open(credentialId), userId, ambient: this.okta.ambient(), requestId });
    return { ...half, allowedActions: half.okta ? allowedActions(rawUser, role) : [] };
  }

  private ports(nowMs: number): ActionPorts {
    return {
      open: (credentialId) => this.okta.open(credentialId),
      audit: (entry) => appendAudit(this.sql, entry, nowMs),
      changedUser: (action, targetUserId) => forgetPersonaContextAfter((oktaUserId) => this.personaCache.invalidate(oktaUserId), action, targetUserId),
    };
  }
}
