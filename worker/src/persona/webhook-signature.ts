import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../../shared/errors";

/** How far a webhook's timestamp may be from our clock (Persona documents none; 5 minutes is the usual choice). */
export const WEBHOOK_TOLERANCE_S = 300;

/**
 * Persona sends one signature set, two while a secret rotates. Each set costs an HMAC over the whole body per
 * configured secret, before anything is authenticated: 1,000 sets over a 250 KiB body was half a second of CPU.
 */
export const MAX_SIGNATURE_SETS = 4;
/** Four sets of `t=<12 digits>,v1=<64 hex>` with separators fit well inside this. */
const MAX_HEADER_CHARS = 512;

const SET = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/i;

/**
 * Verifies `Persona-Signature: t=<unix>,v1=<hex>` (during a secret rotation: two such sets, space-separated):
 * v1 = hex(HMAC-SHA256(secret, t + "." + raw body)), compared in constant time, against every configured secret
 * (two while the admin rotates). The header's size and set count are bounded and each timestamp is checked against
 * the tolerance before any HMAC, so an unauthenticated sender cannot buy CPU with sets, and a captured delivery
 * cannot be replayed later (de-duplication by event ID catches it within the window).
 */
export function verifyPersonaSignature(header: string | undefined, rawBody: string, secrets: readonly string[], nowMs: number): void {
  if (!header) throw new AppError("webhook_signature_invalid", "Persona-Signature header is missing");
  if (header.length > MAX_HEADER_CHARS) throw new AppError("webhook_signature_invalid", "Persona-Signature is too long");
  const sets = header.trim().split(/\s+/);
  if (sets.length > MAX_SIGNATURE_SETS) {
    throw new AppError("webhook_signature_invalid", `Persona-Signature has more than ${MAX_SIGNATURE_SETS} signature sets`);
  }
  const parsed = sets.map((set) => SET.exec(set)).filter((match) => match !== null);
  if (parsed.length === 0) throw new AppError("webhook_signature_invalid", "Persona-Signature is malformed");
  const fresh = parsed.filter(([, t]) => Math.abs(nowMs / 1000 - Number(t)) <= WEBHOOK_TOLERANCE_S);
  if (fresh.length === 0) throw new AppError("webhook_timestamp_stale", "the webhook's timestamp is outside the tolerance");
  for (const [, t, v1] of fresh) {
    const presented = Buffer.from(v1!, "hex");
    for (const secret of secrets) {
      const expected = createHmac("sha256", secret).update(`${t}.${rawBody}`, "utf8").digest();
      if (timingSafeEqual(expected, presented)) return;
    }
  }
  throw new AppError("webhook_signature_invalid", "Persona-Signature does not verify");
}
