import type { ReplyError } from "../lib/protocol";

/**
 * One line for an admin: Okta's own `errorSummary` when Okta refused, then our message, with the request IDs
 * support will ask for.
 */
export function describeError(error: ReplyError): string {
  const details = error.details ?? {};
  const summary = typeof details.errorSummary === "string" ? details.errorSummary : null;
  const oktaRequestId = typeof details.oktaRequestId === "string" ? details.oktaRequestId : null;
  const parts = [summary ?? error.message];
  if (summary !== null && summary !== error.message) parts.push(`(${error.message})`);
  const ids = [oktaRequestId ? `Okta request ${oktaRequestId}` : null, error.requestId ? `request ${error.requestId}` : null].filter(Boolean);
  return `${parts.join(" ")} [${error.code}${ids.length > 0 ? `; ${ids.join("; ")}` : ""}]`;
}
