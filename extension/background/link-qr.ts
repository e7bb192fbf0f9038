import { encode } from "uqr";
import { HttpsUrlSchema } from "../../shared/https-url";
import type { QrModules } from "../lib/protocol";

/**
 * The QR code of a one-time verification link, for the operator to show a person who is in front of them: uqr's
 * modules (no quiet zone; the overlay draws one), error correction M so a phone still reads it off a screen. Made
 * here rather than in the overlay: uqr is about 4 KB gzipped, a sixth of the content script's 24 KiB budget
 * (test/extension/support/content-script-budget.ts). Only an https link gets one: a QR code is a link a phone opens
 * without showing much of it first.
 */
export function linkQr(link: string): QrModules | null {
  if (!HttpsUrlSchema.safeParse(link).success) return null;
  return encode(link, { ecc: "M", border: 0 }).data;
}
