import type { ReplyError } from "../lib/protocol";

/** What to do after a verified-recovery refusal (docs/verified-recovery.md); the worker's message says what failed. */
const AGAIN = "verify the person again";
const NEXT_STEP = new Map(
  Object.entries({
    verification_required: "verify the person who asked first (an admin may override)",
    verification_mismatch: AGAIN,
    verification_declined: AGAIN,
    verification_expired: AGAIN,
    verification_used: AGAIN,
    verification_pending: "wait until the person has completed it",
    verification_not_configured: "an admin sets up verified recovery in the companion's options",
  }),
);

/**
 * One line for an admin: Okta's own `errorSummary` when Okta refused, then our message (and, for a verified-recovery
 * refusal, what to do next), with the code and the request IDs support will ask for.
 */
export function describeError(error: ReplyError): string {
  const details = error.details ?? {};
  const summary = typeof details.errorSummary === "string" ? details.errorSummary : null;
  const oktaRequestId = typeof details.oktaRequestId === "string" ? details.oktaRequestId : null;
  const parts = [summary ?? error.message];
  if (summary !== null && summary !== error.message) parts.push(`(${error.message})`);
  const next = NEXT_STEP.get(error.code);
  if (next !== undefined) parts.push(`— ${next}`);
  const ids = [oktaRequestId ? `Okta request ${oktaRequestId}` : null, error.requestId ? `request ${error.requestId}` : null].filter(Boolean);
  return `${parts.join(" ")} [${error.code}${ids.length > 0 ? `; ${ids.join("; ")}` : ""}]`;
}
