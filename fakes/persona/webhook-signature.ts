/**
 * `Persona-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>` (docs/persona.md §2). While a
 * secret is being rotated the header carries one such set per secret, separated by a space.
 */
import { createHmac } from "node:crypto";

export function signatureSet(secret: string, t: number, rawBody: string): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${rawBody}`, "utf8").digest("hex")}`;
}

export function signatureHeader(secrets: readonly string[], t: number, rawBody: string): string {
  return secrets.map((secret) => signatureSet(secret, t, rawBody)).join(" ");
}
