import type { Verification, VerificationStatus } from "../../shared/verification";
import type { IssuedVerification } from "../lib/protocol";
import type { OverlayAction } from "./action-copy";

/**
 * Where the "Verify identity" panel stands (docs/verified-recovery.md). A pending verification is `link-issued`
 * while this panel holds its one-time link and the person has not started, `waiting` once they have (or when the
 * link was shown in another panel: it is never stored). A verified one past `validUntil` reads as expired here too,
 * without waiting for the next answer.
 */
export type PanelState = "not-started" | "link-issued" | "waiting" | Exclude<VerificationStatus, "pending">;

export function panelState(latest: Verification | null, issued: IssuedVerification | null, nowMs: number): PanelState {
  if (issued && (latest?.id !== issued.id || (latest.status === "pending" && latest.inquiryStatus === "created"))) return "link-issued";
  if (latest === null) return "not-started";
  if (latest.status === "pending") return "waiting";
  if (latest.status === "verified" && (latest.validUntil === null || Date.parse(latest.validUntil) <= nowMs)) return "expired";
  return latest.status;
}

/**
 * What a gated action waits for: `open` (the policy does not gate it), `verified` (runs with that verification), or
 * `waiting` with the reason in words. The worker decides again when the action runs; this only draws the button.
 */
export type Gate = { kind: "open" } | { kind: "verified"; verificationId: string } | { kind: "waiting"; note: string };

const NEEDS = "needs a verified identity of the person who asked";
const WAITS = "waits for the person to complete the verification";
const NOTES: Partial<Record<PanelState, string>> = { "link-issued": WAITS, waiting: WAITS, needs_review: "waits for Persona's review of the verification" };

export function gateOf(action: OverlayAction, required: readonly string[], state: PanelState, latest: Verification | null): Gate {
  if (!required.includes(action)) return { kind: "open" };
  if (state === "verified" && latest !== null) {
    if (latest.for === null || latest.for === action) return { kind: "verified", verificationId: latest.id };
    return { kind: "waiting", note: `${NEEDS} (the verification is for another action)` };
  }
  return { kind: "waiting", note: NOTES[state] ?? NEEDS };
}
