import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../../shared/errors";

/** How far a webhook's timestamp may be from our clock (Persona documents none; 5 minutes is the usual choice). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * Verifies `Persona-Signature: t=<unix>,v1=<hex>` (during a secret rotation: two such sets, space-separated):
 * v1 = hex(HMAC-SHA256(secret, t + "." + raw body)), compared in constant time, against every configured secret
 * (two while the admin rotates). A valid signature with a timestamp outside the tolerance is refused too, so a
 * captured delivery cannot be replayed later (and de-duplication by event ID catches it within the window).
 */
export function verifyPersonaSignature(header: string | undefined, rawBody: string, secrets: readonly string[], nowMs: number): void {
  if (!header) throw new AppError("webhook_signature_invalid", "Persona-Signature header is missing");
  const sets = header
    .trim()
    .split(/\s+/)
    .map((set) => Object.fromEntries(set.split(",").map((pair) => pair.split("=", 2) as [string, string])))
    .filter((set): set is { t: string; v1: string } => typeof set.t === "string" && /^\d{1,12}$/.test(set.t) && typeof set.v1 === "string" && /^[0-9a-f]{64}$/i.test(set.v1));
  if (sets.length === 0) throw new AppError("webhook_signature_invalid", "Persona-Signature is malformed");
  let stale = false;
  for (const { t, v1 } of sets) {
    const presented = Buffer.from(v1, "hex");
    for (const secret of secrets) {
      const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`, "utf8").digest();
      if (!timingSafeEqual(expected, presented)) continue;
      if (Math.abs(nowMs / 1000 - Number(t)) > WEBHOOK_TOLERANCE_S) {
        stale = true;
        continue;
      }
      return;
    }
  }
  if (stale) throw new AppError("webhook_timestamp_stale", "the webhook's timestamp is outside the tolerance");
  throw new AppError("webhook_signature_invalid", "Persona-Signature does not verify");
}
