import type { ExpiryWarning } from "../../../shared/sso";

/** Days to expiry at which the organization's status warns, then warns loudly (docs/idp-metadata-refresh.md). */
export const EXPIRY_WARNING_DAYS = 30;
export const EXPIRY_CRITICAL_DAYS = 7;
const DAY_MS = 86_400_000;

/** Whole days from `nowMs` until `notAfter`, rounded down: 0 on the last day, negative once it has passed. */
export function daysLeft(notAfter: string, nowMs: number): number {
  return Math.floor((Date.parse(notAfter) - nowMs) / DAY_MS);
}

/** `critical` at 7 days or fewer (or expired), `warning` at 30 or fewer, else nothing to say. */
export function expirySeverity(days: number): ExpiryWarning["severity"] | null {
  if (days <= EXPIRY_CRITICAL_DAYS) return "critical";
  if (days <= EXPIRY_WARNING_DAYS) return "warning";
  return null;
}

/** The warning for one key or certificate, or null when it is far from expiry. */
export function expiryWarning(kind: ExpiryWarning["kind"], subject: string, days: number): ExpiryWarning | null {
  const severity = expirySeverity(days);
  return severity === null ? null : { kind, subject, daysLeft: days, severity };
}
