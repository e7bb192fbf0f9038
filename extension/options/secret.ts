/** Bytes of a generated hook secret: 256 bits, 43 characters of base64url (Okta's event hook needs 24 or more). */
export const SECRET_BYTES = 32;

/**
 * A shared secret for a hook header, made in the page from the browser's CSPRNG (`random` is passed in so tests can
 * fix it). base64url without padding: safe in an HTTP header and in Okta's form, nothing to escape.
 */
export function generateSecret(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(SECRET_BYTES));
  if (bytes.length !== SECRET_BYTES) throw new Error(`the random source gave ${bytes.length} bytes, not ${SECRET_BYTES}`);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
