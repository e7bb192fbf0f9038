import { isAppError } from "../../../shared/errors";
import type { FieldComparison, Verification, VerificationPolicy } from "../../../shared/verification";
import { compareFields } from "../persona/verification-fields";
import { type InquiryState, readInquiry } from "../persona/verification-inquiry";
import { appendLog } from "../storage/org-store/org-log";
import * as verifications from "../storage/org-store/verifications";
import type { OktaGate } from "./okta-gate";
import { readOktaProfile } from "./okta-profile";
import type { PersonaGate } from "./persona-gate";

/** A verification read without a webhook in between asks Persona at most this often. */
export const REFRESH_INTERVAL_MS = 10_000;
const READ_DEADLINE_MS = 10_000;
/** The statuses Persona can still move: a reviewer may also reverse an approval, so a verified one is read too. */
const MOVABLE = new Set<Verification["status"]>(["pending", "needs_review", "verified"]);

/**
 * Why an inquiry cannot speak for the verification's user, or null when it can: Persona must show it on the
 * account whose reference ID is the Okta user ID, and from the policy's template.
 */
export function mismatchOf(verification: Verification, inquiry: InquiryState): string | null {
  if (inquiry.referenceId !== verification.oktaUserId) return "the inquiry's Persona account is not this Okta user (its reference ID differs)";
  if (inquiry.templateId !== null && inquiry.templateId !== verification.templateId) return "the inquiry is from another template";
  return null;
}

/**
 * Moves verifications on from Persona's own record of the inquiry (`GET /inquiries/{id}`), whether a signed
 * `inquiry.*` webhook announced a change or an operator reads a verification no webhook moved lately. The webhook
 * is only the trigger: the inquiry is read back, so deliveries out of order cannot move a verification backwards.
 * When an inquiry passes, its verified fields are compared with the Okta profile as it is now, and only the
 * verdicts are kept.
 */
export class VerificationRefresher {
  private readonly lastRead = new Map<string, number>();
  private readonly reading = new Map<string, Promise<Verification>>();

  constructor(
    private readonly sql: SqlStorage,
    private readonly okta: OktaGate,
    private readonly persona: PersonaGate,
    private readonly policy: () => Promise<VerificationPolicy | null>,
    /** The user's cached Persona half lists the inquiry: stale once its status moved. */
    private readonly inquiryMoved: (oktaUserId: string) => void,
  ) {}

  /** On a read: asks Persona when the verification can still move and was not read in the last interval. */
  async refreshIfDue(verification: Verification, nowMs: number): Promise<Verification> {
    if (!MOVABLE.has(verification.status)) return verification;
    const last = this.lastRead.get(verification.id);
    if (last !== undefined && nowMs - last < REFRESH_INTERVAL_MS) return verification;
    return this.refresh(verification, nowMs, "read");
  }

  /** A verified `inquiry.*` webhook: the inquiry's verification is read back now; an inquiry none knows is logged and ignored. */
  async inquiryChanged(inquiryId: string, eventName: string, nowMs: number): Promise<Verification | null> {
    const verification = verifications.verificationOfInquiry(this.sql, inquiryId, nowMs);
    if (!verification) {
      appendLog(
        this.sql,
        {
          event: "verification_unknown_inquiry",
          budget: "authenticated",
          message: "a Persona inquiry event for no verification was ignored",
          details: { inquiryId, eventName },
        },
        nowMs,
      );
      return null;
    }
    return this.refresh(verification, nowMs, "webhook");
  }

  /**
   * One read at a time per verification; a failure is logged and the stored verification stands. A read for an
   * operator joins one in flight; a webhook's read waits for it and then reads again, since the inquiry changed
   * after that read began.
   */
  private refresh(verification: Verification, nowMs: number, trigger: "read" | "webhook"): Promise<Verification> {
    const inFlight = this.reading.get(verification.id);
    if (inFlight && trigger === "read") return inFlight;
    this.lastRead.set(verification.id, nowMs);
    const settled = inFlight ? inFlight.then((latest) => latest) : Promise.resolve(verification);
    const reading = settled
      .then((latest) => this.readBack(latest, nowMs))
      .catch((error: unknown) => {
        appendLog(
          this.sql,
          {
            event: "verification_refresh_failed",
            budget: "authenticated",
            code: isAppError(error) ? error.code : "internal_error",
            message: isAppError(error) ? error.message : "reading the inquiry failed",
            details: { verificationId: verification.id, inquiryId: verification.inquiryId, trigger },
          },
          nowMs,
        );
        return verification;
      });
    this.reading.set(verification.id, reading);
    void reading.finally(() => {
      if (this.reading.get(verification.id) === reading) this.reading.delete(verification.id);
    });
    return reading;
  }

  private async readBack(verification: Verification, nowMs: number): Promise<Verification> {
    const opened = await this.persona.open();
    if (!opened) return verification;
    const ambient = this.persona.ambient();
    const inquiry = await readInquiry({ connection: opened.connection, ambient, deadlineMs: ambient.nowMs() + READ_DEADLINE_MS }, verification.inquiryId);
    const policy = await this.policy();
    const passOn = policy?.passOn ?? ["approved"];
    const passes = verifications.statusFor(inquiry.status, passOn) === "verified" && verification.status !== "verified";
    const comparison = passes ? await this.compare(verification, inquiry, policy, nowMs) : verification.comparison;
    const updated = verifications.applyInquiryStatus(this.sql, {
      inquiryId: verification.inquiryId,
      inquiryStatus: inquiry.status,
      passOn,
      validForMs: (policy?.validForMinutes ?? 30) * 60_000,
      comparison,
      mismatch: mismatchOf(verification, inquiry),
      nowMs: ambient.nowMs(),
    });
    if (updated && updated.inquiryStatus !== verification.inquiryStatus) this.inquiryMoved(verification.oktaUserId);
    return updated ?? verification;
  }

  /** The verified fields against the Okta profile now; an unreadable profile compares as missing (and is logged). */
  private async compare(verification: Verification, inquiry: InquiryState, policy: VerificationPolicy | null, nowMs: number): Promise<FieldComparison[]> {
    const fieldMap = policy?.fieldMap ?? {};
    let profile: Record<string, unknown> = {};
    try {
      const credentialId = verifications.credentialOfVerification(this.sql, verification.id) ?? undefined;
      profile = (await readOktaProfile(this.okta, credentialId, verification.oktaUserId)).profile;
    } catch (error) {
      appendLog(
        this.sql,
        {
          event: "verification_compare_failed",
          budget: "authenticated",
          code: isAppError(error) ? error.code : "internal_error",
          message: "the Okta profile could not be read to compare the verified fields",
          details: { verificationId: verification.id },
        },
        nowMs,
      );
    }
    return compareFields(fieldMap, inquiry.fields, profile);
  }
}
