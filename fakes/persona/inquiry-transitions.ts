/**
 * An inquiry's status changes, as a person's progress and Persona's decisioning make them, each with the timestamp
 * it sets and the `inquiry.*` webhook event Persona sends for it (the spec's `webhooks`, docs/persona.md §2):
 * started (`pending`), completed, approved, declined, failed, marked-for-review (`needs_review`), expired.
 *
 * The fake does not enforce an order: the tests are in charge. Persona's usual path is created → pending →
 * completed → (needs_review →) approved | declined, or pending → failed | expired. One change sets one timestamp,
 * so a test that wants `completed-at` on an approved inquiry completes it first (the spec: declined inquiries
 * "carry `completed-at` from the transition that preceded the decision").
 */
import { newWorkflowRunId } from "./ids";
import type { InquiryRecord } from "./inquiries";
import { expireSessions } from "./one-time-links";

type Stamp = "startedAt" | "completedAt" | "decisionedAt" | "failedAt" | "markedForReviewAt" | "expiredAt";

export const TRANSITIONS = {
  pending: { event: "inquiry.started", stamp: "startedAt" },
  completed: { event: "inquiry.completed", stamp: "completedAt" },
  approved: { event: "inquiry.approved", stamp: "decisionedAt" },
  declined: { event: "inquiry.declined", stamp: "decisionedAt" },
  failed: { event: "inquiry.failed", stamp: "failedAt" },
  needs_review: { event: "inquiry.marked-for-review", stamp: "markedForReviewAt" },
  expired: { event: "inquiry.expired", stamp: "expiredAt" },
} as const satisfies Record<string, { event: string; stamp: Stamp }>;

export type TransitionStatus = keyof typeof TRANSITIONS;
export const TRANSITION_STATUSES = Object.keys(TRANSITIONS) as TransitionStatus[];

export class TransitionError extends Error {}

/** Moves the inquiry to `status` at `atIso` and answers the webhook event that reports it. */
export function transitionInquiry(record: InquiryRecord, status: TransitionStatus, atIso: string): string {
  if (record.redactedAt !== null) throw new TransitionError(`${record.id} is redacted`);
  if (record.status === status) throw new TransitionError(`${record.id} is already ${status}`);
  const { event, stamp } = TRANSITIONS[status];
  record.status = status;
  record[stamp] = atIso;
  record.updatedAt = atIso;
  if (status === "pending" && record.expirationAfterStartSeconds !== null) {
    // `meta.expiration-after-start-interval-seconds` of the creation request counts from the start.
    record.expiresAt = new Date(Date.parse(atIso) + record.expirationAfterStartSeconds * 1000).toISOString();
  }
  // A decision names its reviewer; in an API-driven flow that is a Workflows 2.0 run (the spec's dominant case).
  if (status === "approved" || status === "declined") record.reviewer = { type: "workflow-run", id: newWorkflowRunId() };
  // "Expires an Inquiry and all sessions on the Inquiry" (the spec's expire-an-inquiry).
  if (status === "expired") expireSessions(record, atIso);
  return event;
}
