/**
 * An overlay on Ada's page under a verification policy: the context gates reset factors, unlock and the temporary
 * access code, and the background answers from a small in-memory set of verifications that the test moves on.
 */
import type { IssuedVerification, Reply } from "../../../../extension/lib/protocol";
import type { Role } from "../../../../shared/roles";
import type { Verification } from "../../../../shared/verification";
import { adaContext, fakeSend, NOW, renderOverlay } from "./support";
import { issued, verification } from "./verification-fixtures";

export const GATED = ["reset_factors", "unlock", "temporary_access_code"] as const;
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const later = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

/** A verified verification, valid for 29 more minutes, whose fields matched. */
export function verified(overrides: Partial<Verification> = {}): Verification {
  return verification({
    status: "verified",
    inquiryStatus: "approved",
    verifiedAt: ago(1),
    validUntil: later(29),
    comparison: [
      { field: "name-first", result: "match" },
      { field: "name-last", result: "match" },
      { field: "email-address", result: "missing" },
    ],
    ...overrides,
  });
}

export interface PolicyWorld {
  role?: Role;
  /** Newest first, as the worker lists them. */
  verifications?: Verification[];
  /** What a start answers. */
  start?: () => Reply<IssuedVerification>;
  /** What a read answers (default: the verification of that ID from `verifications`). */
  get?: (id: string) => Reply<Verification>;
  lifecycle?: () => Reply<unknown>;
}

/** The background as the overlay sees it under a policy; `world.verifications` can be changed between steps. */
export function policySend(world: PolicyWorld) {
  const found = (id: string): Reply<Verification> => {
    const match = world.verifications?.find((item) => item.id === id);
    return match ? { ok: true, data: match } : { ok: false, error: { code: "verification_not_found", message: "gone", status: 404, requestId: "r-404" } };
  };
  return fakeSend({
    "overlay.context": () => ({
      ok: true,
      data: adaContext({
        verificationRequiredFor: [...GATED],
        allowedActions: ["retrieve", "suspend", "reset_factors", "temporary_access_code", "deactivate"],
      }),
    }),
    "session.get": () => ({
      ok: true,
      data: { email: "ada@acme.test", role: world.role ?? "operator", orgId: "acme", expiresAt: "2026-11-27T20:00:00.000Z", workerUrl: "https://w.test" },
    }),
    "overlay.verification.list": () => ({ ok: true, data: { verifications: world.verifications ?? [] } }),
    "overlay.verification.get": ({ verificationId }) => (world.get ?? found)(verificationId),
    "overlay.verification.start": () => world.start?.() ?? { ok: true, data: issued() },
    "overlay.verification.cancel": () => ({ ok: true, data: {} }),
    "overlay.lifecycle": ({ action }) =>
      (world.lifecycle?.() as Reply<never> | undefined) ?? { ok: true, data: { ok: true, action, result: {}, oktaRequestId: "okta-5" } },
    "overlay.tac": () => ({ ok: true, data: { code: "TAC-1", expiresAt: null, multiUse: false, enrollmentId: null, oktaRequestId: null } }),
  });
}

export async function renderUnderPolicy(world: PolicyWorld = {}) {
  const backend = policySend(world);
  const view = await renderOverlay(backend.send);
  const panel = () => view.$("[data-poc-verification]");
  const sentOf = (type: string) => backend.sent.filter((message) => message.type === type).map((message) => message.payload);
  return { ...view, panel, state: () => panel()?.dataset.pocVerification, sentOf };
}
