import { AppError } from "../../../shared/errors";
import { decodeSamlResponse } from "./decode-response";

/** Far above a real LogoutRequest or LogoutResponse (1-3 KB), far below anything harmful. */
export const MAX_LOGOUT_XML_BYTES = 64 * 1024;

/**
 * HTTP-Redirect binding: base64 of raw DEFLATE. Inflated as a stream and abandoned past
 * {@link MAX_LOGOUT_XML_BYTES}, so a small query cannot become a large allocation (a decompression bomb).
 */
export async function inflateRedirectMessage(encoded: string): Promise<string> {
  const compact = encoded.replace(/[\r\n\t ]/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new AppError("saml_encoding_invalid", "the message is not valid base64");
  }
  const reader = new Blob([Buffer.from(compact, "base64")]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_LOGOUT_XML_BYTES) {
        await reader.cancel();
        throw new AppError("saml_too_large", "the message inflates to more than allowed");
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("saml_encoding_invalid", "the message is not valid DEFLATE data");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("saml_encoding_invalid", "the message is not UTF-8");
  }
}

/** HTTP-POST binding: plain base64, with the ACS's strict decoder and a logout-sized cap. */
export function decodePostMessage(encoded: string): string {
  if (encoded.length > (MAX_LOGOUT_XML_BYTES * 4) / 3 + 4) throw new AppError("saml_too_large", "the message is larger than allowed");
  return decodeSamlResponse(encoded);
}
