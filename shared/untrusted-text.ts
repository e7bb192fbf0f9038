/**
 * Text an unauthenticated sender chose (an `Algorithm` URI, an Issuer, an element name) may be quoted in a message
 * or a log entry, but never at length: a quote is at most a token long, so that a 180 KB attribute cannot fill the
 * organization's log or an error page. A cut quote says how long the original was.
 */

/** Long enough for an algorithm URI, an entity ID or an Okta request ID; short enough to be harmless. */
export const MAX_QUOTED_CHARS = 100;

export function quoteUntrusted(value: string | null | undefined, max = MAX_QUOTED_CHARS): string {
  if (value === null || value === undefined) return "(none)";
  // Control characters would let a quote forge a line of its own in a log viewer.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces.
  const flat = value.replace(/[\u0000-\u001f\u007f]/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max)}…(${flat.length} chars)`;
}
