/** Base64 and PEM helpers that work the same in workerd and in plain Node (no Buffer needed). */

/** Standard base64 (with padding) of raw bytes. */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked so String.fromCharCode never receives more arguments than the engine allows.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Base64 of a string's UTF-8 encoding (what a browser POSTs as `SAMLResponse`). */
export function utf8ToBase64(text: string): string {
  return toBase64(new TextEncoder().encode(text));
}

/** Splits `text` into lines of at most `width` characters joined by "\n". */
export function wrapLines(text: string, width: number): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join("\n");
}

/** RFC 7468 PEM: base64 wrapped at 64 characters between BEGIN/END lines, with a final newline. */
export function toPem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${wrapLines(toBase64(der), 64)}\n-----END ${label}-----\n`;
}
