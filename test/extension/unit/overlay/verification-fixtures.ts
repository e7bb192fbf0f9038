/** Verifications as the worker answers them (shared/verification.ts), for the background's and the overlay's tests. */
import type { IssuedVerification } from "../../../../extension/lib/protocol";
import type { Verification } from "../../../../shared/verification";

export const VER = "ver_0123456789abcdef01234567";
export const VER_2 = "ver_fedcba9876543210fedcba98";
export const LINK = "https://withpersona.com/verify?code=us1-abc";

export function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    id: VER,
    oktaUserId: "00udemoada0000000001",
    status: "pending",
    inquiryId: "inq_1",
    inquiryStatus: "created",
    templateId: "itmpl_demo",
    comparison: [],
    createdBy: "ada@acme.test",
    createdAt: "2026-11-27T11:59:00.000Z",
    verifiedAt: null,
    validUntil: null,
    usedBy: null,
    usedAt: null,
    usedFor: null,
    for: null,
    ...overrides,
  };
}

/** The worker's 201 answer to a start (StartedVerificationSchema). */
export function started(oneTimeLink = LINK) {
  return {
    id: VER,
    status: "pending" as const,
    inquiryId: "inq_1",
    oneTimeLink,
    linkExpiresAt: "2026-11-27T12:15:00.000Z",
    createdAt: "2026-11-27T11:59:00.000Z",
    for: null,
  };
}

/** What the background hands the overlay for a start: the answer and a QR code (a tiny stand-in matrix). */
export function issued(oneTimeLink = LINK): IssuedVerification {
  return {
    ...started(oneTimeLink),
    qr: [
      [true, false, true],
      [false, true, false],
      [true, true, false],
    ],
  };
}
