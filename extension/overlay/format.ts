/** "3 days ago", "in 2 hours": coarse, for badges; the exact time goes in the element's title. */
export function relativeTime(iso: string | null, nowMs: number): string | null {
  if (iso === null) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const seconds = Math.round((then - nowMs) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["year", 31_536_000],
    ["month", 2_592_000],
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** The badge tone of a Persona case or inquiry status; the status text is always shown too (never colour alone). */
export function statusTone(status: string | null): "good" | "bad" | "warn" | "neutral" {
  const value = (status ?? "").toLowerCase();
  if (["approved", "completed", "passed", "resolved"].includes(value)) return "good";
  if (["declined", "failed", "expired", "rejected"].includes(value)) return "bad";
  if (["open", "pending", "needs_review", "in_review", "waiting", "created"].includes(value)) return "warn";
  return "neutral";
}

/** Okta's user status in words an admin reads at a glance. */
export function oktaStatusTone(status: string): "good" | "bad" | "warn" | "neutral" {
  if (status === "ACTIVE") return "good";
  if (status === "SUSPENDED" || status === "LOCKED_OUT" || status === "DEPROVISIONED") return "bad";
  if (status === "STAGED" || status === "PROVISIONED" || status === "RECOVERY" || status === "PASSWORD_EXPIRED") return "warn";
  return "neutral";
}
