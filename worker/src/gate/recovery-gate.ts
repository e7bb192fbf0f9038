import { AppError } from "../../../shared/errors";
import type { OktaAction } from "../../../shared/okta-actions";
import { roleAtLeast } from "../../../shared/roles";
import type { GateableAction, Recovery, RecoveryProof, StartedVerification, Verification, VerificationPolicy } from "../../../shared/verification";
import { refusalEntry } from "../actions/perform-action";
import type { AppEnv } from "../env";
import { prefillFields } from "../persona/verification-fields";
import { createVerificationInquiry } from "../persona/verification-inquiry";
import { appendAudit } from "../storage/org-store/audit";
import * as verifications from "../storage/org-store/verifications";
import { getVerificationPolicy } from "../storage/verification-policy";
import type { VerifiedCaller } from "./caller";
import type { OktaGate } from "./okta-gate";
import { readOktaProfile } from "./okta-profile";
import type { PersonaGate } from "./persona-gate";
import { VerificationRefresher } from "./verification-refresh";

/** How long creating the inquiry may take, the Okta read included. */
const START_DEADLINE_MS = 15_000;
/** How many of a user's verifications a list shows. */
export const VERIFICATIONS_LISTED = 20;

export type StartRequest = { userId: string; for: GateableAction | null; credentialId: string | undefined; requestId: string; nowMs: number };

/** What the policy decided for one action: nothing to check, or the recovery to audit (and to give back on failure). */
export type Allowance = { recovery: Recovery; release(): void } | null;

/**
 * Verified recovery, inside the organization's gate (docs/verified-recovery.md): the policy (read from KV once,
 * then kept current by the worker's writes), starting a verification (Okta user read, Persona inquiry created,
 * row recorded), reading and cancelling it, and deciding whether a gated action may run. Every verification row
 * lives in this Durable Object, so spending one is a single serialised step.
 */
export class RecoveryGate {
  private policy: Promise<VerificationPolicy | null> | undefined;
  readonly refresher: VerificationRefresher;

  constructor(
    private readonly env: AppEnv,
    private readonly orgId: string,
    private readonly sql: SqlStorage,
    private readonly okta: OktaGate,
    private readonly persona: PersonaGate,
    private readonly inquiryMoved: (oktaUserId: string) => void,
  ) {
    this.refresher = new VerificationRefresher(sql, okta, persona, () => this.currentPolicy(), inquiryMoved);
  }

  /** The organization's policy, or null when it has none. A failed read is tried again next time. */
  currentPolicy(): Promise<VerificationPolicy | null> {
    if (!this.policy) {
      const reading = getVerificationPolicy(this.env.CONFIG, this.orgId);
      reading.catch(() => {
        if (this.policy === reading) this.policy = undefined;
      });
      this.policy = reading;
    }
    return this.policy;
  }

  /** The worker wrote the policy (null: deleted it): used from the next call, without waiting for KV to converge. */
  policyChanged(policy: VerificationPolicy | null): void {
    this.policy = Promise.resolve(policy);
  }

  /**
   * Starts a verification of the Okta user (operator and up): reads the user, creates the policy's inquiry for
   * the Persona account whose reference ID is the user's ID, prefilled from the profile, with a one-time link,
   * and records it. The link is in this answer only. Audited as `verification_start`, refusals too.
   */
  async start(caller: VerifiedCaller, request: StartRequest): Promise<StartedVerification> {
    return this.audited(caller, "verification_start", 201, request.userId, request.nowMs, async () => {
      if (!roleAtLeast(caller.role, "operator")) throw new AppError("forbidden", "starting a verification needs the operator role");
      const policy = await this.currentPolicy();
      if (!policy) throw new AppError("verification_not_configured", "this organization has no verification policy (PUT /api/orgs/{org}/verification)");
      const opened = await this.persona.open();
      if (!opened) throw new AppError("verification_not_configured", "connect Persona first: verifications are Persona inquiries");
      const okta = await readOktaProfile(this.okta, request.credentialId, request.userId);
      const ambient = this.persona.ambient();
      const created = await createVerificationInquiry(
        { connection: opened.connection, ambient, deadlineMs: ambient.nowMs() + START_DEADLINE_MS },
        {
          templateId: policy.templateId,
          oktaUserId: request.userId,
          // Persona finds the account by reference ID (or creates it): the same account the overlay matched.
          accountId: null,
          fields: prefillFields(policy.fieldMap, okta.profile),
          linkTtlSeconds: policy.linkTtlSeconds,
          idempotencyKey: `verification-${request.requestId}`,
        },
      );
      const verification = verifications.insertVerification(this.sql, {
        oktaUserId: request.userId,
        templateId: policy.templateId,
        inquiryId: created.inquiryId,
        inquiryStatus: created.status,
        createdBy: caller.actor.label,
        requestedFor: request.for,
        credentialId: okta.credentialId,
        nowMs: request.nowMs,
      });
      // The user's cached Persona half does not list the new inquiry yet.
      this.inquiryMoved(request.userId);
      const value: StartedVerification = {
        id: verification.id,
        status: "pending",
        inquiryId: created.inquiryId,
        oneTimeLink: created.oneTimeLink,
        linkExpiresAt: new Date(created.linkExpiresAtMs).toISOString(),
        createdAt: verification.createdAt,
        for: request.for,
      };
      return { value, credentialId: okta.credentialId, recovery: { kind: "verification", verificationId: verification.id, inquiryId: created.inquiryId } };
    });
  }

  /** The user's verifications, newest first (operator and up). Reading is not an action: not audited. */
  list(caller: VerifiedCaller, userId: string, nowMs: number): Verification[] {
    requireOperator(caller);
    return verifications.listVerifications(this.sql, userId, VERIFICATIONS_LISTED, nowMs);
  }

  /** One verification of the user, refreshed from Persona when no webhook moved it lately (rate-limited). */
  async get(caller: VerifiedCaller, userId: string, id: string, nowMs: number): Promise<Verification> {
    requireOperator(caller);
    const verification = verifications.getVerification(this.sql, id, nowMs);
    if (!verification || verification.oktaUserId !== userId) throw new AppError("verification_not_found", "no such verification for this user");
    return this.refresher.refreshIfDue(verification, nowMs);
  }

  /** Cancels a pending or verified verification (operator and up); audited as `verification_cancel`. */
  cancel(caller: VerifiedCaller, userId: string, id: string, nowMs: number): Promise<void> {
    return this.audited(caller, "verification_cancel", 204, userId, nowMs, async () => {
      requireOperator(caller);
      const cancelled = verifications.cancelVerification(this.sql, id, userId, nowMs);
      if (cancelled === null) throw new AppError("verification_not_found", "no such verification for this user");
      if (cancelled === false) throw new AppError("verification_not_cancellable", "only a pending or verified verification can be cancelled");
      return { value: undefined, credentialId: null, recovery: { kind: "verification", verificationId: cancelled.id, inquiryId: cancelled.inquiryId } };
    });
  }

  /**
   * Whether `action` may run on `userId` under the policy: not gated (null), allowed by the verification given
   * (spent now, given back by `release` if the action then fails), or by an admin's override reason. Otherwise a
   * refusal with its own code, which the action's audit records.
   */
  async allow(action: OktaAction, userId: string | null, caller: VerifiedCaller, proof: RecoveryProof, nowMs: number): Promise<Allowance> {
    const policy = await this.currentPolicy();
    if (!policy || userId === null || !(policy.requiredFor as OktaAction[]).includes(action)) return null;
    if (proof.overrideReason !== undefined) {
      if (!roleAtLeast(caller.role, "admin")) throw new AppError("forbidden", "only an admin may run a gated action without a verification");
      return { recovery: { kind: "override", reason: proof.overrideReason }, release: () => {} };
    }
    if (proof.verificationId === undefined) {
      throw new AppError("verification_required", `${action} needs a verification of the person who asked`, {
        start: `POST /api/orgs/${this.orgId}/okta/users/${userId}/verifications`,
        hint: "start a verification, send its one-time link to the person, then pass its verificationId; an admin may pass an overrideReason instead",
      });
    }
    const spent = verifications.consumeVerification(this.sql, {
      id: proof.verificationId,
      oktaUserId: userId,
      templateId: policy.templateId,
      action: action as GateableAction,
      usedBy: caller.actor.label,
      nowMs,
    });
    if (!spent.ok) throw new AppError(spent.code, spent.message, { verificationId: proof.verificationId });
    const { verification } = spent;
    return {
      recovery: { kind: "verification", verificationId: verification.id, inquiryId: verification.inquiryId },
      release: () => verifications.releaseVerification(this.sql, verification.id, nowMs),
    };
  }

  /** Runs one verification step with its audit entry: success, or refused/failed with the code that stopped it. */
  private async audited<T>(
    caller: VerifiedCaller,
    action: string,
    successStatus: 201 | 204,
    targetUserId: string,
    nowMs: number,
    work: () => Promise<{ value: T; credentialId: string | null; recovery: Recovery }>,
  ): Promise<T> {
    const entry = { ...caller, action, targetUserId };
    try {
      const { value, credentialId, recovery } = await work();
      const success = { result: "success", status: successStatus, errorCode: null, oktaErrorCode: null, oktaRequestId: null } as const;
      appendAudit(this.sql, { ...entry, credentialId, recovery, ...success }, nowMs);
      return value;
    } catch (error) {
      appendAudit(this.sql, { ...entry, credentialId: null, ...refusalEntry(error) }, nowMs);
      throw error;
    }
  }
}

function requireOperator(caller: VerifiedCaller): void {
  if (!roleAtLeast(caller.role, "operator")) throw new AppError("forbidden", "verifications need the operator role");
}
