import { AppError } from "../../../shared/errors";

/** Larger than any real Okta response (~7-15 KB) by far, small enough that decoding and parsing stay cheap. */
export const MAX_SAML_RESPONSE_CHARS = 256 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * docs/saml-checks.md §1: cap the size before any work, then decode base64 strictly.
 * Whitespace (browsers and IdPs wrap lines) is the only leniency; any other character, bad padding or
 * non-UTF-8 bytes are refused, so a later step never sees a half-decoded document.
 */
export function decodeSamlResponse(encoded: string): string {
  if (encoded.length > MAX_SAML_RESPONSE_CHARS) {
    throw new AppError("saml_too_large", "SAMLResponse is larger than allowed");
  }
  const compact = encoded.replace(/[\r\n\t ]/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new AppError("saml_encoding_invalid", "SAMLResponse is not valid base64");
  }
  // The alphabet and padding were checked above, so Buffer's (lenient) decoder sees only canonical input;
  // it is several times faster than atob plus a per-character copy on a response of ~10 KB.
  const bytes = Buffer.from(compact, "base64");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("saml_encoding_invalid", "SAMLResponse is not UTF-8");
  }
}
